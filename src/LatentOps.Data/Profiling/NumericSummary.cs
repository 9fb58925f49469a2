namespace LatentOps.Data.Profiling;

/// <summary>Summary statistics of numbers.</summary>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Std">Sample standard deviation (n - 1).</param>
/// <param name="Zeros">How many values are exactly 0.</param>
/// <param name="Quantiles">Quantiles (linear interpolation, as numpy's default) at 1, 5, 25, 50, 75, 95 and 99 %.</param>
public sealed record NumericSummary(double Min, double Max, double Mean, double Std, int Zeros, IReadOnlyList<Quantile> Quantiles);
