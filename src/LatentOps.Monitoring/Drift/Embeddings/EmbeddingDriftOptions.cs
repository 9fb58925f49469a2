using LatentOps.Core.Errors;

namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>Settings of the domain-classifier, mean-distance and per-component embedding drift tests.</summary>
public sealed class EmbeddingDriftOptions
{
    /// <summary>Significance level (before Bonferroni for per-component tests).</summary>
    /// <value>The default is 0.05. Allowed: (0, 1).</value>
    public double Alpha { get; set; } = 0.05;

    /// <summary>Cross-validation folds of the domain classifier.</summary>
    /// <value>The default is 5. Allowed: 2 to 20.</value>
    public int Folds { get; set; } = 5;

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
        DatasetDriftOptions.Check(Folds is >= 2 and <= 20, nameof(Folds), Folds, "2 to 20");
        if (Permutations is < 1 or > 100_000)
        {
            throw LatentOpsException.InvalidInput($"Embedding drift option Permutations = {Permutations} is out of range; allowed: 1 to 100000.");
        }
    }
}
