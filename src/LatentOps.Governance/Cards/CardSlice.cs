namespace LatentOps.Governance.Cards;

/// <summary>The primary metric on one slice of the evaluation data, compared with the other rows.</summary>
/// <param name="Column">The slice column.</param>
/// <param name="Value">The value or bin.</param>
/// <param name="Rows">Rows in the slice.</param>
/// <param name="Metric">The metric.</param>
/// <param name="MetricValue">Its value on the slice.</param>
/// <param name="Lower">Lower end of its interval.</param>
/// <param name="Upper">Upper end of its interval.</param>
/// <param name="RestValue">Its value on all other rows.</param>
/// <param name="Flagged">True when the slice is significantly worse than the rest.</param>
/// <param name="Warning">Why it cannot be judged, when it cannot.</param>
public sealed record CardSlice(string Column, string Value, int Rows, string Metric, double MetricValue, double? Lower, double? Upper, double? RestValue, bool Flagged, string? Warning);
