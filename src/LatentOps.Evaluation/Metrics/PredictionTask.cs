namespace LatentOps.Evaluation.Metrics;

/// <summary>What kind of prediction a <see cref="PredictionSet"/> holds.</summary>
public enum PredictionTask
{
    /// <summary>Two classes; one probability of the positive class per row.</summary>
    Binary,

    /// <summary>Three or more classes; one probability per class per row.</summary>
    Multiclass,

    /// <summary>A real-valued target and prediction per row.</summary>
    Regression,
}
