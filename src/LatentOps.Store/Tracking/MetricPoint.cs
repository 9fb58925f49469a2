namespace LatentOps.Store.Tracking;

/// <summary>One logged metric value.</summary>
/// <param name="Key">Metric name (<c>*Score</c> higher is better, <c>*Loss</c>/<c>*Error</c> lower is better).</param>
/// <param name="Value">The value (NaN allowed).</param>
/// <param name="Step">Training step or epoch; 0 for a final figure.</param>
/// <param name="Timestamp">When it was logged (UTC).</param>
public sealed record MetricPoint(string Key, double Value, long Step, DateTimeOffset Timestamp);
