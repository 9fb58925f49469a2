namespace LatentOps.Learning.Tuning;

/// <summary>How the tuner spends its budget.</summary>
public enum TuningStrategy
{
    /// <summary>Every trial trains for the full epoch budget.</summary>
    Random,

    /// <summary>
    /// Successive halving: all candidates train briefly, the best 1/eta go on with eta times the epochs,
    /// until the survivors train with the full budget.
    /// </summary>
    SuccessiveHalving,
}
