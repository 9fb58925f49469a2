using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Learning.Preprocessing;

/// <summary>
/// Fits the per-column preprocessing of a tabular encoder on training data: robust scaling with
/// missing-value indicators for numbers, vocabularies with an unknown bucket for categories, and
/// datetime parts. Text and identifier columns are left out (no signal an MLP can use).
/// </summary>
public sealed class TabularPreprocessor
{
    private readonly PreprocessorOptions _options;

    /// <summary>Creates the estimator; options are validated in <see cref="Fit"/>.</summary>
    public TabularPreprocessor(PreprocessorOptions? options = null)
    {
        _options = options ?? new PreprocessorOptions();
    }

    /// <summary>Fits the preprocessing on <paramref name="table"/>.</summary>
    /// <exception cref="LatentOpsException">No usable columns, an all-missing column, or a bad option.</exception>
    public FittedPreprocessor Fit(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _options.Validate();
        if (table.RowCount == 0)
        {
            throw LatentOpsException.InvalidInput("The training table has no rows; at least 1 is needed.");
        }

        foreach (var name in _options.ExcludeColumns)
        {
            if (!table.Contains(name))
            {
                throw LatentOpsException.InvalidInput($"Excluded column '{name}' is not in the table. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
            }
        }

        var exclude = _options.ExcludeColumns.ToHashSet(StringComparer.Ordinal);
        var encodings = new List<ColumnEncoding>();
        foreach (var column in table.Columns)
        {
            if (exclude.Contains(column.Name) || column.Type is ColumnType.Text or ColumnType.Identifier)
            {
                continue;
            }

            if (column.MissingCount == column.Length)
            {
                throw LatentOpsException.InvalidInput($"Column '{column.Name}' has no values (all {column.Length} rows are missing); exclude it or fill it.");
            }

            encodings.Add(column switch
            {
                NumericColumn n => FitNumeric(n),
                StringColumn s => FitCategorical(s),
                DateTimeColumn d => FitDateTime(d),
                _ => throw new ArgumentException($"Unsupported column class {column.GetType().Name}."),
            });
        }

        if (encodings.Count == 0)
        {
            throw LatentOpsException.InvalidInput(
                $"The table has no usable feature columns (numbers, categories or datetimes) once excluded, text and identifier columns are left out. Columns: {string.Join(", ", table.Schema.Select(s => $"{s.Name} ({s.Type})"))}.");
        }

        return new FittedPreprocessor { Columns = encodings, ClipValue = _options.ClipValue };
    }

    private static ColumnEncoding FitNumeric(NumericColumn column)
    {
        var values = new List<double>(column.Length);
        foreach (var v in column.Values)
        {
            if (!double.IsNaN(v))
            {
                values.Add(v);
            }
        }

        values.Sort();
        var median = Quantile(values, 0.5);
        var iqr = Quantile(values, 0.75) - Quantile(values, 0.25);
        var scale = iqr / 1.349;
        if (!(scale > 1e-12))
        {
            var mean = values.Average();
            var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
            scale = std > 1e-12 ? std : 1;
        }

        return new ColumnEncoding
        {
            Column = column.Name,
            SourceType = column.Type,
            Kind = ColumnEncodingKind.Numeric,
            Center = median,
            Scale = scale,
            MissingIndicator = values.Count < column.Length,
        };
    }

    private ColumnEncoding FitCategorical(StringColumn column)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var v in column.Values)
        {
            if (v is not null)
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
        }

        var vocabulary = counts
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(_options.MaxCategories)
            .Select(kv => kv.Key)
            .ToArray();
        var dimension = Math.Min(16, (int)Math.Ceiling(1.6 * Math.Pow(vocabulary.Length + 1, 0.56)));
        return new ColumnEncoding
        {
            Column = column.Name,
            SourceType = column.Type,
            Kind = ColumnEncodingKind.Categorical,
            Vocabulary = vocabulary,
            EmbeddingDimension = dimension,
        };
    }

    private static ColumnEncoding FitDateTime(DateTimeColumn column)
    {
        var years = new List<double>(column.Length);
        foreach (var v in column.Values)
        {
            if (v is { } d)
            {
                years.Add(d.Year + (d.DayOfYear - 1) / 366.0);
            }
        }

        years.Sort();
        var center = Quantile(years, 0.5);
        var spread = years[^1] - years[0];
        return new ColumnEncoding
        {
            Column = column.Name,
            SourceType = column.Type,
            Kind = ColumnEncodingKind.DateTime,
            Center = center,
            Scale = spread > 1e-9 ? spread / 2 : 1,
            MissingIndicator = years.Count < column.Length,
        };
    }

    private static double Quantile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
