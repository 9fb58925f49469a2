using BenchmarkDotNet.Attributes;
using LatentOps.Monitoring.Drift.Embeddings;

namespace LatentOps.Benchmarks.Monitoring;

/// <summary>
/// The permutation part of the MMD test (kernel matrix computed once in setup): the portable loop
/// (vectorised over permutations, upper triangle) as the baseline against the AVX2 table-lookup kernel.
/// 2,000 + 2,000 rows x 64 dims, 256 permutations, to keep the baseline short.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class MmdBenchmark
{
    private RbfKernelMatrix _kernel = null!;
    private bool[][] _labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        EmbeddingMatrix Make(int rows, float shift) =>
            new([.. Enumerable.Range(0, rows * 64).Select(_ => (float)random.NextDouble() + shift)], rows, 64);
        _kernel = RbfKernelMatrix.Compute(Make(2000, 0), Make(2000, 0.05f), null, Environment.ProcessorCount);
        _labels = MmdDriftDetector.Labels(2000, 2000, 256, 0);
    }

    [Benchmark(Baseline = true)]
    public double[] PortableLoops() => PermutationPairSums.ComputePortable(_kernel, _labels, Environment.ProcessorCount);

    [Benchmark]
    public double[] TableLookupAvx2() => PermutationPairSums.Compute(_kernel, _labels, Environment.ProcessorCount, portable: false);
}
