namespace LatentOps.Monitoring.Policy;

/// <summary>Rollback in a <see cref="RetrainingPolicy"/>.</summary>
public sealed class RollbackPolicy
{
    /// <summary>Roll back when realised accuracy since the last promotion is below the previous version's by more than this; null disables rollback.</summary>
    /// <value>The default is 0.02.</value>
    public double? RealisedAccuracyDrop { get; set; } = 0.02;

    /// <summary>Labelled rows needed after a promotion before a rollback is considered.</summary>
    /// <value>The default is 100.</value>
    public int MinimumLabelledRows { get; set; } = 100;
}
