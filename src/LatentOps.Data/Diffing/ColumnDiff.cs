namespace LatentOps.Data.Diffing;

/// <summary>A common column's summary in both tables.</summary>
/// <param name="Column">The column.</param>
/// <param name="MissingA">Missing values in A.</param>
/// <param name="MissingB">Missing values in B.</param>
/// <param name="MeanA">Mean in A (numbers only).</param>
/// <param name="MeanB">Mean in B (numbers only).</param>
public sealed record ColumnDiff(string Column, int MissingA, int MissingB, double? MeanA, double? MeanB);
