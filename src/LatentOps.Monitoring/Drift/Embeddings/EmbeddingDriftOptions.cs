using LatentOps.Core.Errors;

namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>Settings of the domain-classifier, mean-distance and per-component embedding drift tests.</summary>
public sealed class EmbeddingDriftOptions
{
    /// <summary>Significance level (before Bonferroni for per-component tests).</summary>
    /// <value>The default is 0.05. Allowed: (0, 1).</value>
    public double Alpha { get; set; } = 0.05;

    /// <summary>Share of each side held out to score the domain classifier (it trains on the rest).</summary>
    /// <value>The default is 0.25 (Alibi Detect's ClassifierDrift trains on 0.75). Allowed: 0.1 to 0.5.</value>
    public double HoldoutShare { get; set; } = 0.25;

    /// <summary>Permutations of the mean-embedding-distance test.</summary>
    /// <value>The default is 1000. Allowed: 1 to 100,000.</value>
    public int Permutations { get; set; } = 1000;

    /// <summary>Seed for folds and permutations.</summary>
    /// <value>The default is 0.</value>
    public int Seed { get; set; }

    /// <summary>Checks every setting.</summary>
    public void Validate()
    {
        DatasetDriftOptions.Check(Alpha > 0 && Alpha < 1, nameof(Alpha), Alpha, "(0, 1)");
        DatasetDriftOptions.Check(HoldoutShare is >= 0.1 and <= 0.5, nameof(HoldoutShare), HoldoutShare, "0.1 to 0.5");
        if (Permutations is < 1 or > 100_000)
        {
            throw LatentOpsException.InvalidInput($"Embedding drift option Permutations = {Permutations} is out of range; allowed: 1 to 100000.");
        }
    }
}
