namespace LatentOps.Data.Profiling;

/// <summary>A value and how often it occurs.</summary>
/// <param name="Value">The value as text.</param>
/// <param name="Count">Occurrences.</param>
/// <param name="Share">Occurrences / non-missing values.</param>
public sealed record ValueCount(string Value, int Count, double Share);
