namespace LatentOps.Data.Profiling;

/// <summary>The profile of a table: one <see cref="ColumnProfile"/> per column, plus table-wide counts.</summary>
/// <param name="RowCount">Rows.</param>
/// <param name="ColumnCount">Columns.</param>
/// <param name="DuplicateRowCount">Rows that repeat an earlier row exactly (null when not counted).</param>
/// <param name="Columns">Per-column statistics, in column order.</param>
/// <param name="HistogramBins">The histogram bin count used.</param>
/// <param name="TopValues">The number of top values listed.</param>
public sealed record TableProfile(int RowCount, int ColumnCount, int? DuplicateRowCount, IReadOnlyList<ColumnProfile> Columns, int HistogramBins, int TopValues);
