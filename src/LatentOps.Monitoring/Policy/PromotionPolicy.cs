namespace LatentOps.Monitoring.Policy;

/// <summary>The promotion gate of a <see cref="RetrainingPolicy"/>.</summary>
public sealed class PromotionPolicy
{
    /// <summary>The candidate must beat the champion on the held-out set by at least this (same metric, higher is better).</summary>
    /// <value>The default is 0.</value>
    public double MinimumImprovement { get; set; }

    /// <summary>The metric compared.</summary>
    /// <value>The default is <c>accuracy</c>.</value>
    public string Metric { get; set; } = "accuracy";
}
