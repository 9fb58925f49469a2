using LatentOps.Evaluation.Metrics;

namespace LatentOps.Monitoring.Policy;

/// <summary>
/// The promotion gate of a <see cref="RetrainingPolicy"/>. The candidate and the champion are both
/// evaluated on the same held-out rows (every metric <c>latentops evaluate model</c> records); the
/// candidate must beat the champion on <see cref="Metric"/> by <see cref="MinimumImprovement"/>, and then
/// pass the workspace's registry gates (config.json), which read those same held-out metrics.
/// </summary>
public sealed class PromotionPolicy
{
    /// <summary>The metrics a policy may compare on: the classification metrics of the catalog, and the calibration errors.</summary>
    public static IReadOnlyList<string> Metrics { get; } =
    [
        .. MetricCatalog.For(PredictionTask.Binary).Concat(MetricCatalog.For(PredictionTask.Multiclass)).Select(m => m.Name).Distinct(StringComparer.Ordinal),
        "expectedCalibrationError",
        "maximumCalibrationError",
    ];

    /// <summary>
    /// The candidate must beat the champion on the held-out set by at least this on <see cref="Metric"/>
    /// (higher for scores; lower for names ending in <c>Loss</c> or <c>Error</c>). Negative values allow a
    /// candidate slightly worse than the champion.
    /// </summary>
    /// <value>The default is 0; allowed [-1, 1).</value>
    public double MinimumImprovement { get; set; }

    /// <summary>The metric compared, by its catalog name (e.g. <c>rocAucScore</c>, <c>f1Score</c>, <c>accuracyScore</c>, <c>expectedCalibrationError</c>).</summary>
    /// <value>The default is <c>rocAucScore</c>.</value>
    public string Metric { get; set; } = "rocAucScore";

    /// <summary>True when a lower value of <paramref name="metric"/> is better (names ending in <c>Loss</c> or <c>Error</c>, as the registry gates read them).</summary>
    public static bool IsLowerBetter(string metric) =>
        metric.EndsWith("Loss", StringComparison.Ordinal) || metric.EndsWith("Error", StringComparison.Ordinal);
}
