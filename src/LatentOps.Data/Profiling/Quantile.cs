namespace LatentOps.Data.Profiling;

/// <summary>A quantile.</summary>
/// <param name="Probability">In [0, 1], e.g. 0.5 for the median.</param>
/// <param name="Value">The value.</param>
public sealed record Quantile(double Probability, double Value);
