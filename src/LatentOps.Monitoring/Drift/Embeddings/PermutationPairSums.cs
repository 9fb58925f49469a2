namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>
/// For a batch of label vectors z_b (1 = "first sample"), computes U_b = sum over i &lt; j of
/// z_b[i] z_b[j] K[i, j] from the strict upper triangle of K: the only quantity of an MMD permutation
/// that is not linear in z.
/// </summary>
/// <remarks>
/// The portable path (no AVX2, or <see cref="MmdOptions.Portable"/>) over the stored upper triangle of
/// <see cref="RbfKernelMatrix"/>, vectorised over permutations; <see cref="FusedMmdKernel"/> is the fast path and is
/// checked against this one.
/// </remarks>
internal static class PermutationPairSums
{
    /// <summary>Plain loops over i &lt; j, vectorised over permutations; the reference the fast kernel is checked against.</summary>
    public static double[] ComputePortable(RbfKernelMatrix k, bool[][] labels, int threads)
    {
        var n = k.N;
        var b = labels.Length;
        var z = new float[n * b];
        for (var p = 0; p < b; p++)
        {
            for (var i = 0; i < n; i++)
            {
                z[(i * b) + p] = labels[p][i] ? 1f : 0f;
            }
        }

        var totals = new double[b];
        var gate = new object();
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new double[b], (i, _, local) =>
        {
            var u = new float[b];
            var row = k.Tail(i);
            for (var j = i + 1; j < n; j++)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(z.AsSpan(j * b, b), row[j - i - 1], u, u);
            }

            var zi = z.AsSpan(i * b, b);
            for (var p = 0; p < b; p++)
            {
                local[p] += zi[p] * u[p];
            }

            return local;
        }, local =>
        {
            lock (gate)
            {
                for (var p = 0; p < b; p++)
                {
                    totals[p] += local[p];
                }
            }
        });

        return totals;
    }
}
