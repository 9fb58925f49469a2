namespace LatentOps.Governance.Cards;

/// <summary>A metric with its confidence interval when one was bootstrapped.</summary>
/// <param name="Name">The metric name (<c>*Score</c> higher is better, <c>*Loss</c>/<c>*Error</c> lower is better).</param>
/// <param name="Value">Its value.</param>
/// <param name="Lower">Lower end of the interval, or null.</param>
/// <param name="Upper">Upper end of the interval, or null.</param>
public sealed record CardMetric(string Name, double Value, double? Lower, double? Upper);
