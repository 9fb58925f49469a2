namespace LatentOps.Evaluation.Metrics;

/// <summary>Helpers over <see cref="IMetric"/>.</summary>
public static class MetricExtensions
{
    /// <summary>True when the metric's name says higher is better (<c>*Score</c>).</summary>
    public static bool HigherIsBetter(this IMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Name.EndsWith("Score", StringComparison.Ordinal);
    }

    /// <summary>True when the metric applies to <paramref name="task"/>.</summary>
    public static bool AppliesTo(this IMetric metric, PredictionTask task)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Tasks.Contains(task);
    }
}
