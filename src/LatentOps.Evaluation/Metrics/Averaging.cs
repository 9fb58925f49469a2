namespace LatentOps.Evaluation.Metrics;

/// <summary>How per-class precision, recall and F1 are combined (scikit-learn's <c>average</c>).</summary>
public enum Averaging
{
    /// <summary>The positive class only (binary).</summary>
    Binary,

    /// <summary>Unweighted mean over the classes present in the labels or the predictions.</summary>
    Macro,

    /// <summary>From the summed true positives, predictions and labels over classes.</summary>
    Micro,

    /// <summary>Mean over classes weighted by the number of true rows of each (support).</summary>
    Weighted,
}
