using LatentOps.Core.Errors;

namespace LatentOps.Learning.Hybrids;

/// <summary>Settings of a hybrid model (embeddings and/or raw features into an ML.NET learner).</summary>
public sealed class HybridOptions
{
    /// <summary>The learner.</summary>
    /// <value>The default is <see cref="HybridLearner.LightGbm"/>.</value>
    public HybridLearner Learner { get; set; } = HybridLearner.LightGbm;

    /// <summary>The features.</summary>
    /// <value>The default is <see cref="HybridFeatureSet.RawAndEmbedding"/>.</value>
    public HybridFeatureSet Features { get; set; } = HybridFeatureSet.RawAndEmbedding;

    /// <summary>Boosting rounds (trees) for LightGbm and FastTree.</summary>
    /// <value>The default is 200. Allowed: 1 to 100000.</value>
    public int NumberOfTrees { get; set; } = 200;

    /// <summary>Leaves per tree for LightGbm and FastTree.</summary>
    /// <value>The default is 31. Allowed: 2 to 131072.</value>
    public int NumberOfLeaves { get; set; } = 31;

    /// <summary>Boosting learning rate.</summary>
    /// <value>The default is 0.05. Allowed: greater than 0 and at most 1.</value>
    public double LearningRate { get; set; } = 0.05;

    /// <summary>The seed of ML.NET's context.</summary>
    /// <value>The default is 0.</value>
    public int Seed { get; set; }

    /// <summary>Threads the learner may use.</summary>
    /// <value>The default is 1. Allowed: 1 to 256.</value>
    public int Threads { get; set; } = 1;

    /// <summary>Throws <see cref="LatentOpsException"/> naming the bad value and the allowed range.</summary>
    public void Validate()
    {
        if (NumberOfTrees is < 1 or > 100_000)
        {
            throw LatentOpsException.InvalidInput($"NumberOfTrees is {NumberOfTrees}; allowed: 1 to 100000.");
        }

        if (NumberOfLeaves is < 2 or > 131_072)
        {
            throw LatentOpsException.InvalidInput($"NumberOfLeaves is {NumberOfLeaves}; allowed: 2 to 131072.");
        }

        if (LearningRate is not (> 0 and <= 1))
        {
            throw LatentOpsException.InvalidInput($"LearningRate is {LearningRate}; allowed: greater than 0 and at most 1.");
        }

        if (Threads is < 1 or > 256)
        {
            throw LatentOpsException.InvalidInput($"Threads is {Threads}; allowed: 1 to 256.");
        }
    }
}
