namespace LatentOps.Evaluation.Slices;

/// <summary>One slice (rows sharing a value, or a quantile bin, of a column) compared with the other rows.</summary>
/// <param name="Column">The slice column.</param>
/// <param name="Value">The value or bin label.</param>
/// <param name="Rows">Rows in the slice.</param>
/// <param name="Metric">The metric judged (the task's primary metric).</param>
/// <param name="Estimate">Its value with bootstrap interval on the slice.</param>
/// <param name="RestValue">Its value on all other rows.</param>
/// <param name="Difference">Slice minus rest (negative is worse for a <c>*Score</c>, positive for a loss/error).</param>
/// <param name="PValue">One-sided p-value of "the slice is worse than the rest" (normal approximation with bootstrap standard errors).</param>
/// <param name="Threshold">The Bonferroni-adjusted significance threshold used (alpha / slices in the column).</param>
/// <param name="Flagged">True when the slice is significantly worse than the rest.</param>
/// <param name="Others">Point values of the other headline metrics on the slice.</param>
/// <param name="Warning">Why the slice cannot be judged (too few rows, one class), or null.</param>
public sealed record SliceResult(
    string Column,
    string Value,
    int Rows,
    string Metric,
    Bootstrap.MetricEstimate Estimate,
    double RestValue,
    double Difference,
    double PValue,
    double Threshold,
    bool Flagged,
    IReadOnlyDictionary<string, double> Others,
    string? Warning);
