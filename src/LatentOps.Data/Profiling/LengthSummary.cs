namespace LatentOps.Data.Profiling;

/// <summary>Lengths of strings in characters.</summary>
/// <param name="Min">Shortest.</param>
/// <param name="Mean">Average.</param>
/// <param name="Max">Longest.</param>
public sealed record LengthSummary(int Min, double Mean, int Max);
