using System.Globalization;
using LatentOps.Core.Tables;
using LatentOps.Data.Hashing;
using LatentOps.Data.Reading;

namespace LatentOps.Data.Checks;

public static partial class DataChecker
{
    private const int TargetEncodingFolds = 5;

    private static IEnumerable<DataFinding> ProxyLeakageFindings(Table table, DataCheckOptions options, LabelClasses label, CancellationToken cancellationToken)
    {
        if (label.Names.Length < 2)
        {
            yield break;
        }

        var labelled = Enumerable.Range(0, table.RowCount).Where(i => label.Codes[i] >= 0).ToArray();
        var codes = labelled.Select(i => label.Codes[i]).ToArray();
        var classes = label.Names.Length == 2 ? [label.Counts[0] <= label.Counts[1] ? 0 : 1] : Enumerable.Range(0, label.Names.Length).ToArray();
        var results = new List<(string Column, double Auc)>();
        var candidates = table.Columns.Where(c => c.Name != label.Column && c.Name != options.IdColumn && c.Type is not (ColumnType.Text or ColumnType.Identifier)).ToArray();
        var aucs = new double[candidates.Length];
        Parallel.For(0, candidates.Length, new ParallelOptions { CancellationToken = cancellationToken }, c =>
        {
            var column = candidates[c];
            var total = 0.0;
            var counted = 0;
            foreach (var positiveClass in classes)
            {
                var positive = codes.Select(code => code == positiveClass).ToArray();
                var scores = column is StringColumn strings
                    ? TargetEncode(strings, labelled, positive)
                    : NumericScores(column, labelled);
                var auc = RankStatistics.Auc(scores, positive);
                if (!double.IsNaN(auc))
                {
                    total += Math.Max(auc, 1 - auc);
                    counted++;
                }
            }

            aucs[c] = counted == 0 ? double.NaN : total / counted;
        });

        for (var c = 0; c < candidates.Length; c++)
        {
            if (aucs[c] >= options.LeakageAucThreshold)
            {
                var column = candidates[c].Name;
                yield return Finding("leakage.single-feature", FindingCategory.Leakage, FindingSeverity.Error,
                    $"'{column}' alone predicts '{label.Column}' almost perfectly (AUC {aucs[c].ToString("0.000", CultureInfo.InvariantCulture)})",
                    $"On its own, this column separates the classes with an AUC of {aucs[c].ToString("0.000", CultureInfo.InvariantCulture)} (threshold {options.LeakageAucThreshold.ToString("0.###", CultureInfo.InvariantCulture)}). " +
                    "Real signals are rarely that clean: it is probably recorded after the outcome, derived from the label, or a copy of it. " +
                    "A model will lean on it and fail in production where it is not available. Check how it is produced; drop it if it would not be known at prediction time.",
                    column, new Dictionary<string, double> { ["auc"] = aucs[c], ["threshold"] = options.LeakageAucThreshold });
            }
        }
    }

    private static double[] NumericScores(Column column, int[] rows)
    {
        var scores = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var value = column switch
            {
                NumericColumn n => n[rows[i]],
                DateTimeColumn d => d[rows[i]] is { } t ? t.Ticks : double.NaN,
                _ => double.NaN,
            };
            scores[i] = double.IsNaN(value) ? double.NegativeInfinity : value;
        }

        return scores;
    }

    /// <summary>Out-of-fold target encoding: each row scored by its category's positive rate in the other folds (so unique values score the prior, not their own label).</summary>
    private static double[] TargetEncode(StringColumn column, int[] rows, bool[] positive)
    {
        var prior = positive.Count(p => p) / (double)positive.Length;
        var perFold = new Dictionary<string, (double Positives, double Total)>[TargetEncodingFolds];
        var all = new Dictionary<string, (double Positives, double Total)>(StringComparer.Ordinal);
        for (var f = 0; f < TargetEncodingFolds; f++)
        {
            perFold[f] = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        }

        for (var i = 0; i < rows.Length; i++)
        {
            var key = column[rows[i]] ?? "\0missing";
            var fold = i % TargetEncodingFolds;
            var p = positive[i] ? 1 : 0;
            perFold[fold][key] = perFold[fold].TryGetValue(key, out var e) ? (e.Positives + p, e.Total + 1) : (p, 1);
            all[key] = all.TryGetValue(key, out var a) ? (a.Positives + p, a.Total + 1) : (p, 1);
        }

        var scores = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var key = column[rows[i]] ?? "\0missing";
            var fold = i % TargetEncodingFolds;
            var whole = all[key];
            var own = perFold[fold][key];
            var positives = whole.Positives - own.Positives;
            var total = whole.Total - own.Total;
            scores[i] = (positives + prior) / (total + 1);
        }

        return scores;
    }

    private static IEnumerable<DataFinding> IdentifierFindings(Table table, DataCheckOptions options)
    {
        foreach (var column in table.Columns)
        {
            if (column.Name == options.LabelColumn)
            {
                continue;
            }

            string? why = null;
            if (column.Type == ColumnType.Identifier || column.Name == options.IdColumn)
            {
                why = "it is an identifier (unique per row)";
            }
            else if (column is StringColumn { Type: ColumnType.Categorical } strings && table.RowCount >= 50)
            {
                var distinct = strings.Strings().Where(v => v is not null).Distinct(StringComparer.Ordinal).Count();
                var present = strings.Length - strings.MissingCount;
                if (present > 0 && distinct >= 0.95 * present)
                {
                    why = $"{Percent((double)distinct / present)} of its values are unique";
                }
            }
            else if (column is NumericColumn { Type: ColumnType.Integer } numbers && table.RowCount >= 50 && IsRowCounter(numbers))
            {
                why = "it counts rows (each value is the previous plus one)";
            }
            else if (ColumnNaming.LooksLikeIdentifier(column.Name) && column.Type is ColumnType.Integer or ColumnType.Categorical)
            {
                why = "its name says it is a key";
            }

            if (why is not null)
            {
                yield return Finding("leakage.identifier", FindingCategory.Leakage, FindingSeverity.Warning,
                    $"'{column.Name}' looks like an identifier",
                    $"{char.ToUpperInvariant(why[0])}{why[1..]}. Identifiers carry no signal that generalises; a model can memorise them, and if ids were assigned in time order they leak time. " +
                    "Keep it for joining and tracing, but exclude it from the features.",
                    column.Name);
            }
        }
    }

    private static bool IsRowCounter(NumericColumn column)
    {
        for (var i = 1; i < column.Length; i++)
        {
            if (column[i] != column[i - 1] + 1)
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<DataFinding> SplitLeakageFindings(Table table, Table counterpart, DataCheckOptions options, string counterpartName)
    {
        var common = RowKeyColumns(table, options, includeLabel: true).Where(counterpart.Contains)
            .Where(c => counterpart[c].Type == table[c].Type).ToList();
        if (common.Count == 0)
        {
            yield break;
        }

        var exactOther = TableHash.RowHashes(counterpart, common).ToHashSet();
        var exactHere = TableHash.RowHashes(table, common);
        var nearOther = TableHash.RowHashes(counterpart, common, Normalise).ToHashSet();
        var nearHere = TableHash.RowHashes(table, common, Normalise);
        int exact = 0, near = 0;
        for (var i = 0; i < exactHere.Length; i++)
        {
            if (exactOther.Contains(exactHere[i]))
            {
                exact++;
            }
            else if (nearOther.Contains(nearHere[i]))
            {
                near++;
            }
        }

        if (exact > 0)
        {
            var share = (double)exact / table.RowCount;
            yield return Finding("leakage.duplicate-rows", FindingCategory.Leakage, FindingSeverity.Error,
                $"{Number(exact)} rows ({Percent(share)}) also appear in {counterpartName}",
                $"These rows are identical (ignoring identifier columns) to rows of {counterpartName}. When one side trains and the other tests, the model is graded on examples it has already seen, so test scores are too good. " +
                "Remove duplicates before splitting, or split by group so copies stay together ('latentops data split --by group').",
                null, new Dictionary<string, double> { ["rows"] = exact, ["share"] = share });
        }

        if (near > 0)
        {
            var share = (double)near / table.RowCount;
            yield return Finding("leakage.near-duplicate-rows", FindingCategory.Leakage, share >= 0.01 ? FindingSeverity.Warning : FindingSeverity.Info,
                $"{Number(near)} more rows ({Percent(share)}) nearly match rows of {counterpartName}",
                $"These rows equal rows of {counterpartName} once text is lower-cased and trimmed, numbers are rounded to 3 significant digits and times to the day. " +
                "Near-copies leak like exact copies; check whether they are the same entity recorded twice.",
                null, new Dictionary<string, double> { ["rows"] = near, ["share"] = share });
        }

        if (options.TimeColumn is { } time && table.Contains(time) && counterpart.Contains(time))
        {
            var here = TimeValues(table[time]);
            var there = TimeValues(counterpart[time]);
            if (here.Length > 0 && there.Length > 0)
            {
                var (earlier, later, laterName) = here.Average() <= there.Average() ? (here, there, counterpartName) : (there, here, "this data");
                var laterStart = later.Min();
                var overlapping = earlier.Count(t => t >= laterStart);
                if (overlapping > 0)
                {
                    var share = (double)overlapping / earlier.Length;
                    yield return Finding("leakage.time-overlap", FindingCategory.Leakage, FindingSeverity.Warning,
                        $"The time ranges overlap: {Number(overlapping)} earlier-side rows ({Percent(share)}) are at or after the start of {laterName}",
                        $"By '{time}', the two sides overlap. A model evaluated on the later side has then trained on the same period, so its score overstates how it will do on the future. " +
                        $"For forecasting-like use, split by time ('latentops data split --by time --column {time}').",
                        time, new Dictionary<string, double> { ["rows"] = overlapping, ["share"] = share });
                }
            }
        }
    }

    private static double[] TimeValues(Column column) => column switch
    {
        DateTimeColumn d => [.. d.Values.ToArray().Where(v => v is not null).Select(v => (double)v!.Value.Ticks)],
        NumericColumn n => [.. n.Numbers().Where(v => !double.IsNaN(v))],
        _ => [],
    };

    private static string? Normalise(Column column, int row) => column switch
    {
        NumericColumn n => double.IsNaN(n[row]) ? null : n[row].ToString("G3", CultureInfo.InvariantCulture),
        DateTimeColumn d => d[row]?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        StringColumn s => s[row] is { } v ? string.Join(' ', v.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : null,
        _ => null,
    };
}
