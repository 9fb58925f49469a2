namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>What the MMD statistic needs from the kernel matrix K of the pooled rows.</summary>
/// <param name="Bandwidth">The RBF sigma used.</param>
/// <param name="RowSums">sum over j != i of K[i, j], per pooled row i.</param>
/// <param name="PairSums">Per label vector z: sum over i &lt; j of z[i] z[j] K[i, j].</param>
internal sealed record MmdKernelSums(double Bandwidth, double[] RowSums, double[] PairSums);
