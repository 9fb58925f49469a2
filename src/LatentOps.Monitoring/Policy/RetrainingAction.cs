namespace LatentOps.Monitoring.Policy;

/// <summary>What the decision engine says to do.</summary>
public enum RetrainingAction
{
    /// <summary>Keep the champion; nothing to do.</summary>
    Keep,

    /// <summary>Retrain on the new data, then gate the candidate against the champion.</summary>
    Retrain,

    /// <summary>Move the alias back to the previous version.</summary>
    Rollback,
}
