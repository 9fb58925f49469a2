using LatentOps.Core.Errors;

namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>Settings of <see cref="MmdDriftDetector"/>.</summary>
public sealed class MmdOptions
{
    /// <summary>The number of random permutations B; the p-value is (1 + #{perm &gt;= observed}) / (1 + B).</summary>
    /// <value>The default is 1000. Allowed: 1 to 100,000.</value>
    public int Permutations { get; set; } = 1000;

    /// <summary>Significance level.</summary>
    /// <value>The default is 0.05. Allowed: (0, 1).</value>
    public double Alpha { get; set; } = 0.05;

    /// <summary>The RBF bandwidth sigma in k(x, y) = exp(-|x - y|² / (2 sigma²)), or null for the median heuristic
    /// sigma² = median of the pooled pairwise squared distances / 2 (Alibi Detect's <c>sigma_median</c>).</summary>
    /// <value>The default is null (median heuristic). Allowed: &gt; 0.</value>
    public double? Bandwidth { get; set; }

    /// <summary>Seed of the permutation generator (results are reproducible for a seed).</summary>
    /// <value>The default is 0.</value>
    public int Seed { get; set; }

    /// <summary>Threads for the kernel matrix and the permutations.</summary>
    /// <value>The default is the number of processors.</value>
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>Use the portable path (stored float32 upper triangle, plain loops) instead of the fused AVX2 kernel (for checks; slower, 4 bytes of memory per pair of rows).</summary>
    /// <value>The default is false.</value>
    public bool Portable { get; set; }

    /// <summary>Checks every setting.</summary>
    public void Validate()
    {
        if (Permutations is < 1 or > 100_000)
        {
            throw LatentOpsException.InvalidInput($"MMD option Permutations = {Permutations} is out of range; allowed: 1 to 100000.");
        }

        Drift.DatasetDriftOptions.Check(Alpha > 0 && Alpha < 1, nameof(Alpha), Alpha, "(0, 1)");
        if (Bandwidth is { } b)
        {
            Drift.DatasetDriftOptions.Check(b > 0 && double.IsFinite(b), nameof(Bandwidth), b, "> 0");
        }

        if (Threads < 1)
        {
            throw LatentOpsException.InvalidInput($"MMD option Threads = {Threads} is out of range; allowed: >= 1.");
        }
    }
}
