namespace LatentOps.Learning.Hybrids;

/// <summary>The ML.NET learner on top of the hybrid features.</summary>
public enum HybridLearner
{
    /// <summary>Gradient boosting with LightGBM (ML.NET LightGbm).</summary>
    LightGbm,

    /// <summary>Gradient boosting with ML.NET FastTree.</summary>
    FastTree,

    /// <summary>L-BFGS logistic regression (multinomial for more than two classes) on standardised features.</summary>
    LogisticRegression,
}
