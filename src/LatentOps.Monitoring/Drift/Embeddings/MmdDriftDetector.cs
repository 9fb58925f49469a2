using LatentOps.Core.Errors;

namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>
/// Maximum mean discrepancy between two sets of embeddings with an RBF kernel (median-heuristic
/// bandwidth by default) and a permutation test: unbiased MMD², p-value (1 + #{perm &gt;= observed}) / (1 + B).
/// The kernel matrix is computed once per pass (never stored on AVX2 CPUs, see <see cref="FusedMmdKernel"/>); permutations only relabel rows.
/// </summary>
public sealed class MmdDriftDetector
{
    /// <summary>The method name in results.</summary>
    public const string Method = "mmd-rbf-permutation";

    private readonly MmdOptions _options;

    /// <summary>Creates the detector; options are validated on <see cref="Run"/>.</summary>
    public MmdDriftDetector(MmdOptions? options = null) => _options = options ?? new MmdOptions();

    /// <summary>Tests whether <paramref name="current"/> comes from the distribution of <paramref name="reference"/>.</summary>
    public MmdResult Run(EmbeddingMatrix reference, EmbeddingMatrix current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        _options.Validate();
        EmbeddingGuards.Compatible(reference, current, minimumRows: 2);

        var labels = Labels(reference.Rows, current.Rows, _options.Permutations, _options.Seed);
        var sums = KernelSums(reference, current, labels, _options);
        var stats = Statistics(sums.RowSums, labels, sums.PairSums, reference.Rows, current.Rows);
        var observed = stats[0];
        var exceeding = 0;
        for (var p = 1; p < stats.Length; p++)
        {
            if (stats[p] >= observed)
            {
                exceeding++;
            }
        }

        var pValue = (1.0 + exceeding) / (1.0 + _options.Permutations);
        var test = DriftTestResult.FromPValue(Method, observed, pValue, _options.Alpha, reference.Rows, current.Rows);
        return new MmdResult(test, sums.Bandwidth, _options.Permutations, _options.Seed, exceeding);
    }

    /// <summary>
    /// The fused AVX2 path (<see cref="FusedMmdKernel"/>: the kernel matrix is never stored) when the CPU has it and
    /// <see cref="MmdOptions.Portable"/> is off; else the stored upper triangle and the portable loops.
    /// </summary>
    internal static MmdKernelSums KernelSums(EmbeddingMatrix reference, EmbeddingMatrix current, bool[][] labels, MmdOptions options)
    {
        if (!options.Portable && FusedMmdKernel.IsSupported)
        {
            return FusedMmdKernel.Compute(reference, current, options.Bandwidth, labels, options.Threads);
        }

        var kernel = RbfKernelMatrix.Compute(reference, current, options.Bandwidth, options.Threads);
        return new MmdKernelSums(kernel.Bandwidth, kernel.RowSums, PermutationPairSums.ComputePortable(kernel, labels, options.Threads));
    }

    /// <summary>Label vectors: index 0 is the observed split (reference rows first), then B random splits of the same sizes.</summary>
    internal static bool[][] Labels(int m, int n, int permutations, int seed)
    {
        var total = m + n;
        var labels = new bool[permutations + 1][];
        labels[0] = new bool[total];
        Array.Fill(labels[0], true, 0, m);
        var random = new Random(seed);
        var order = Enumerable.Range(0, total).ToArray();
        for (var p = 1; p <= permutations; p++)
        {
            random.Shuffle(order);
            var z = new bool[total];
            for (var i = 0; i < m; i++)
            {
                z[order[i]] = true;
            }

            labels[p] = z;
        }

        return labels;
    }

    /// <summary>
    /// Unbiased MMD² per label vector from U = sum_{i&lt;j, both labelled} K_ij, t = sum of labelled row sums and
    /// S = sum of all row sums: XX = 2U, XY = t - 2U, YY = S - 2t + 2U.
    /// </summary>
    internal static double[] Statistics(double[] rowSums, bool[][] labels, double[] pairSums, int m, int n)
    {
        var s = rowSums.Sum();
        var stats = new double[labels.Length];
        for (var p = 0; p < labels.Length; p++)
        {
            var t = 0.0;
            var z = labels[p];
            for (var i = 0; i < z.Length; i++)
            {
                if (z[i])
                {
                    t += rowSums[i];
                }
            }

            var xx = 2 * pairSums[p];
            var xy = t - xx;
            var yy = s - (2 * t) + xx;
            stats[p] = (xx / ((double)m * (m - 1))) + (yy / ((double)n * (n - 1))) - (2 * xy / ((double)m * n));
        }

        return stats;
    }
}
