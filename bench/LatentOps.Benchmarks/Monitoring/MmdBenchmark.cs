using BenchmarkDotNet.Attributes;
using LatentOps.Monitoring.Drift.Embeddings;

namespace LatentOps.Benchmarks.Monitoring;

/// <summary>
/// The MMD test's kernel work: the portable path (stored upper triangle, loops vectorised over permutations)
/// as the baseline against the fused AVX2 path (kernel tiles recomputed in cache, table-lookup permutation kernel).
/// 2,000 + 2,000 rows x 64 dims, 256 permutations, to keep the baseline short.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class MmdBenchmark
{
    private EmbeddingMatrix _a = null!;
    private EmbeddingMatrix _b = null!;
    private bool[][] _labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        EmbeddingMatrix Make(int rows, float shift) =>
            new([.. Enumerable.Range(0, rows * 64).Select(_ => (float)random.NextDouble() + shift)], rows, 64);
        _a = Make(2000, 0);
        _b = Make(2000, 0.05f);
        _labels = MmdDriftDetector.Labels(2000, 2000, 256, 0);
    }

    [Benchmark(Baseline = true)]
    public double[] PortableLoops() => MmdDriftDetector.KernelSums(_a, _b, _labels, new MmdOptions { Portable = true }).PairSums;

    [Benchmark]
    public double[] FusedAvx2() => MmdDriftDetector.KernelSums(_a, _b, _labels, new MmdOptions()).PairSums;
}
