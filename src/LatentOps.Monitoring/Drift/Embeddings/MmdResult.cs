namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>The MMD permutation test's outcome and the settings it used.</summary>
/// <param name="Test">Statistic (unbiased MMD²), p-value, alpha and decision; method <c>mmd-rbf-permutation</c>.</param>
/// <param name="Bandwidth">The RBF sigma used.</param>
/// <param name="Permutations">B.</param>
/// <param name="Seed">The permutation seed.</param>
/// <param name="ExceedingPermutations">#{perm &gt;= observed}.</param>
public sealed record MmdResult(DriftTestResult Test, double Bandwidth, int Permutations, int Seed, int ExceedingPermutations);
