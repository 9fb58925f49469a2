namespace LatentOps.Data.Profiling;

/// <summary>The range of a date column.</summary>
/// <param name="Min">Earliest (UTC).</param>
/// <param name="Max">Latest (UTC).</param>
public sealed record DateSummary(DateTime Min, DateTime Max);
