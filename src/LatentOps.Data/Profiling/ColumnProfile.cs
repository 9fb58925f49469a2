using LatentOps.Core.Tables;

namespace LatentOps.Data.Profiling;

/// <summary>Statistics of one column. Sections that do not apply to the column's type are null.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The column type.</param>
/// <param name="Count">Non-missing values.</param>
/// <param name="Missing">Missing values.</param>
/// <param name="MissingShare">Missing / rows.</param>
/// <param name="Distinct">Distinct non-missing values (exact).</param>
/// <param name="Numeric">Min, max, mean, std and quantiles (numbers, booleans).</param>
/// <param name="Dates">Earliest and latest (dates).</param>
/// <param name="TextLength">Lengths in characters (strings).</param>
/// <param name="Histogram">Distribution of values (numbers, dates) or of lengths (free text).</param>
/// <param name="TopValues">Most frequent values with counts (strings, booleans, integers with few values).</param>
public sealed record ColumnProfile(
    string Name,
    ColumnType Type,
    int Count,
    int Missing,
    double MissingShare,
    int Distinct,
    NumericSummary? Numeric,
    DateSummary? Dates,
    LengthSummary? TextLength,
    Histogram? Histogram,
    IReadOnlyList<ValueCount>? TopValues);
