namespace LatentOps.Monitoring.Policy;

/// <summary>Screening of new training data in a <see cref="RetrainingPolicy"/>.</summary>
public sealed class ScreeningPolicy
{
    /// <summary>Drop rows far from the reference in embedding space.</summary>
    public bool ExcludeOutliers { get; set; }

    /// <summary>Drop rows whose label disagrees with their neighbours'.</summary>
    public bool ExcludeSuspectedLabelFlips { get; set; }
}
