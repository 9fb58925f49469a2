namespace LatentOps.Data.Profiling;

/// <summary>Counts in equal-width bins. <see cref="Edges"/> has one more entry than <see cref="Counts"/>.</summary>
/// <param name="Edges">Bin edges; dates as days since 1970-01-01 (fractional).</param>
/// <param name="Counts">Values per bin; the last bin includes its right edge.</param>
/// <param name="Of">What is counted: "value", "date (days since 1970-01-01)" or "length".</param>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts, string Of);
