namespace LatentOps.Monitoring.Drift;

/// <summary>How a drift result's threshold is read.</summary>
public enum ThresholdKind
{
    /// <summary>Drift when the p-value is below the threshold (a level-alpha test).</summary>
    PValue,

    /// <summary>Drift when the score (a distance or index) is at or above the threshold (an effect size, not a test).</summary>
    Score,
}
