using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Monitoring.Drift;

/// <summary>
/// The values of one column for a drift test, missing values dropped: numbers or category labels.
/// </summary>
public sealed class DriftSample
{
    private DriftSample(string name, double[]? numbers, string[]? categories, int missing)
    {
        Name = name;
        Numbers = numbers;
        Categories = categories;
        MissingCount = missing;
    }

    /// <summary>The column name (for messages).</summary>
    public string Name { get; }

    /// <summary>The numbers, or null for a categorical sample.</summary>
    public double[]? Numbers { get; }

    /// <summary>The category labels, or null for a numeric sample.</summary>
    public string[]? Categories { get; }

    /// <summary>True when the sample holds numbers.</summary>
    public bool IsNumeric => Numbers is not null;

    /// <summary>The number of values (missing ones excluded).</summary>
    public int Count => Numbers?.Length ?? Categories!.Length;

    /// <summary>How many missing values were dropped.</summary>
    public int MissingCount { get; }

    /// <summary>A numeric sample; NaN values are dropped.</summary>
    public static DriftSample FromNumbers(string name, ReadOnlySpan<double> values)
    {
        var kept = new List<double>(values.Length);
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                kept.Add(v);
            }
        }

        return new DriftSample(name, [.. kept], null, values.Length - kept.Count);
    }

    /// <summary>A categorical sample; null values are dropped.</summary>
    public static DriftSample FromCategories(string name, ReadOnlySpan<string?> values)
    {
        var kept = new List<string>(values.Length);
        foreach (var v in values)
        {
            if (v is not null)
            {
                kept.Add(v);
            }
        }

        return new DriftSample(name, null, [.. kept], values.Length - kept.Count);
    }

    /// <summary>
    /// The sample of a table column: numbers for numeric, integer and boolean columns, labels for
    /// categorical ones. Text, identifier and date-time columns are not drift-tested per column.
    /// </summary>
    public static DriftSample FromColumn(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column switch
        {
            NumericColumn numeric => FromNumbers(column.Name, numeric.Values),
            StringColumn text when text.Type == ColumnType.Categorical => FromCategories(column.Name, text.Values),
            _ => throw LatentOpsException.InvalidInput(
                $"Column '{column.Name}' has type {column.Type}; per-column drift tests take numeric, integer, boolean or categorical columns."),
        };
    }

    /// <summary>The number of distinct values.</summary>
    public int DistinctCount() => Numbers is not null ? Numbers.Distinct().Count() : Categories!.Distinct(StringComparer.Ordinal).Count();

    /// <summary>The values as category labels (numbers formatted invariantly), for category tests on low-cardinality numbers.</summary>
    internal string[] AsLabels() => Categories ?? [.. Numbers!.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))];
}
