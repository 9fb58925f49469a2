using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Suite;

/// <summary>
/// Turns a table of predictions (any model's output file) into a <see cref="PredictionSet"/>, with
/// user-facing errors naming the source, column, data row and what is allowed.
/// </summary>
public static class PredictionTableReader
{
    private static readonly (string Negative, string Positive)[] KnownBinary =
        [("0", "1"), ("false", "true"), ("no", "yes"), ("negative", "positive"), ("-1", "1")];

    /// <summary>Reads the set.</summary>
    /// <param name="table">The predictions table.</param>
    /// <param name="columns">Which columns hold what.</param>
    /// <param name="source">The file name, for messages.</param>
    public static PredictionSet Read(Table table, PredictionColumns columns, string source)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        if (table.RowCount == 0)
        {
            throw LatentOpsException.InvalidInput($"{source} has no rows to evaluate.");
        }

        var label = Column(table, columns.Label, source, "--label");
        if (columns.Prediction is not null)
        {
            if (columns.Scores is { Count: > 0 })
            {
                throw LatentOpsException.InvalidInput("Give either --scores (classification) or --prediction (regression), not both.");
            }

            return PredictionSet.Regression(Numbers(label, source), Numbers(Column(table, columns.Prediction, source, "--prediction"), source));
        }

        if (columns.Scores is not { Count: > 0 })
        {
            throw LatentOpsException.InvalidInput("Give --scores COL (binary: the positive-class probability; multiclass: one column per class) or --prediction COL (regression).");
        }

        var labels = Labels(label, source);
        var scoreColumns = columns.Scores.Select(s => Column(table, s, source, "--scores")).ToArray();
        var scores = scoreColumns.Select(c => Probabilities(c, source)).ToArray();
        return scoreColumns.Length == 1
            ? Binary(labels, scores[0], columns, label.Name, source)
            : Multiclass(labels, scores, scoreColumns, columns, label.Name, source);
    }

    private static PredictionSet Binary(string[] labels, double[] scores, PredictionColumns columns, string labelName, string source)
    {
        var values = labels.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
        if (values.Length > 2)
        {
            throw LatentOpsException.InvalidInput($"Column '{labelName}' in {source} has {values.Length} label values ({Show(values)}) but one --scores column was given; for multiclass give one score column per class.");
        }

        string positive;
        string negative;
        if (columns.PositiveClass is { } p)
        {
            if (!values.Contains(p, StringComparer.OrdinalIgnoreCase) && values.Length == 2)
            {
                throw LatentOpsException.InvalidInput($"--positive '{p}' is not a value of column '{labelName}' in {source}; values: {Show(values)}.");
            }

            positive = p;
            negative = values.FirstOrDefault(v => !string.Equals(v, p, StringComparison.OrdinalIgnoreCase)) ?? "(other)";
        }
        else
        {
            var known = KnownBinary.FirstOrDefault(k => values.All(v => string.Equals(v, k.Negative, StringComparison.OrdinalIgnoreCase) || string.Equals(v, k.Positive, StringComparison.OrdinalIgnoreCase)));
            if (known == default)
            {
                throw LatentOpsException.InvalidInput($"Column '{labelName}' in {source} has labels {Show(values)}: say which one the score is the probability of with --positive VALUE.");
            }

            (negative, positive) = known;
        }

        var indices = labels.Select(l => string.Equals(l, positive, StringComparison.OrdinalIgnoreCase) ? 1 : 0).ToArray();
        return PredictionSet.Binary(indices, scores, negative, positive);
    }

    private static PredictionSet Multiclass(string[] labels, double[][] scores, Column[] scoreColumns, PredictionColumns columns, string labelName, string source)
    {
        var k = scoreColumns.Length;
        var names = columns.Classes is { } given ? [.. given] : ClassNamesFrom(scoreColumns.Select(c => c.Name).ToArray(), labels);
        if (names.Length != k)
        {
            throw LatentOpsException.InvalidInput($"--classes names {names.Length} classes but --scores gives {k} columns; give one class name per score column.");
        }

        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.OrdinalIgnoreCase);
        var rows = new double[labels.Length][];
        var y = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (!index.TryGetValue(labels[i], out y[i]))
            {
                throw LatentOpsException.InvalidInput($"{source}, data row {i + 1}: label '{labels[i]}' in column '{labelName}' is not one of the classes of the score columns ({Show(names)}); name the class of each score column with --classes.");
            }

            rows[i] = new double[k];
            double sum = 0;
            for (var c = 0; c < k; c++)
            {
                rows[i][c] = scores[c][i];
                sum += scores[c][i];
            }

            if (Math.Abs(sum - 1) > 1e-4)
            {
                throw LatentOpsException.InvalidInput($"{source}, data row {i + 1}: the score columns sum to {sum.ToString("G6", CultureInfo.InvariantCulture)}; class probabilities must sum to 1 (within 1e-4).");
            }

            for (var c = 0; c < k; c++)
            {
                rows[i][c] /= sum;
            }
        }

        return PredictionSet.Multiclass(y, rows, names);
    }

    /// <summary>Class names from score column names: exact label matches, else with a shared prefix removed, else 0..K-1 when labels are those integers.</summary>
    internal static string[] ClassNamesFrom(string[] columnNames, string[] labels)
    {
        var values = labels.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (columnNames.All(values.Contains))
        {
            return columnNames;
        }

        var prefix = columnNames.Aggregate((a, b) => new string([.. a.Zip(b).TakeWhile(p => p.First == p.Second).Select(p => p.First)]));
        var stripped = columnNames.Select(n => n[prefix.Length..]).ToArray();
        if (prefix.Length > 0 && stripped.All(values.Contains))
        {
            return stripped;
        }

        var indices = Enumerable.Range(0, columnNames.Length).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (values.All(indices.Contains))
        {
            return indices;
        }

        throw LatentOpsException.InvalidInput($"Cannot tell which class each score column ({Show(columnNames)}) is for: labels are {Show([.. values.Order(StringComparer.Ordinal)])}. Name them in order with --classes A,B,C.");
    }

    private static Column Column(Table table, string name, string source, string option)
    {
        if (!table.TryGetColumn(name, out var column))
        {
            throw LatentOpsException.InvalidInput($"{option}: {source} has no column '{name}'. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
        }

        return column;
    }

    private static string[] Labels(Column column, string source)
    {
        var labels = new string[column.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = column.GetValue(i) switch
            {
                null => throw LatentOpsException.InvalidInput($"{source}, data row {i + 1}: the label column '{column.Name}' is empty; every evaluated row needs a label."),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                var v => Convert.ToString(v, CultureInfo.InvariantCulture)!.Trim(),
            };
        }

        return labels;
    }

    private static double[] Numbers(Column column, string source)
    {
        if (column is not NumericColumn numeric)
        {
            throw LatentOpsException.InvalidInput($"Column '{column.Name}' in {source} holds {column.Type.ToString().ToLowerInvariant()} values; it must be numeric.");
        }

        var values = numeric.Values.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw LatentOpsException.InvalidInput($"{source}, data row {i + 1}: column '{column.Name}' is empty or not a finite number.");
            }
        }

        return values;
    }

    private static double[] Probabilities(Column column, string source)
    {
        var values = Numbers(column, source);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is < 0 or > 1)
            {
                throw LatentOpsException.InvalidInput($"{source}, data row {i + 1}: column '{column.Name}' has {values[i].ToString("G6", CultureInfo.InvariantCulture)}; scores must be probabilities in [0, 1] (apply a sigmoid or softmax to margins first).");
            }
        }

        return values;
    }

    private static string Show(IEnumerable<string> values)
    {
        var list = values.Take(11).Select(v => $"'{v}'").ToList();
        return list.Count > 10 ? string.Join(", ", list.Take(10)) + ", ..." : string.Join(", ", list);
    }
}
