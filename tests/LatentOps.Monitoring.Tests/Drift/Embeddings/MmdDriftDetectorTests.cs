using LatentOps.Core.Errors;
using LatentOps.Monitoring.Drift.Embeddings;
using LatentOps.Monitoring.Tests.Fixtures;

namespace LatentOps.Monitoring.Tests.Drift.Embeddings;

public sealed class MmdDriftDetectorTests
{
    internal static EmbeddingMatrix Gaussian(int rows, int dims, double shift, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * dims];
        for (var i = 0; i < values.Length; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = (float)((Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2)) + shift);
        }

        return new EmbeddingMatrix(values, rows, dims);
    }

    [Fact]
    public void Run_NumpyCases_MatchesBandwidthAndUnbiasedMmd()
    {
        foreach (var c in ReferenceData.Cases("mmd"))
        {
            var result = new MmdDriftDetector(new MmdOptions { Permutations = 50 }).Run(
                EmbeddingMatrix.FromRows(ReferenceData.Rows(c, "reference")), EmbeddingMatrix.FromRows(ReferenceData.Rows(c, "current")));
            Assert.Equal(c.GetProperty("sigma").GetDouble(), result.Bandwidth, 5);
            Assert.Equal(c.GetProperty("mmd2").GetDouble(), result.Test.Statistic, 5);
        }
    }

    [Theory]
    [InlineData(157, 131, 7, 77)]      // 9 row tiles, 2 column tiles, 2 blocks of 64 permutations
    [InlineData(40, 23, 64, 1100)]     // two batches of permutations
    [InlineData(1, 1, 3, 5)]           // one pair
    [InlineData(301, 280, 16, 64)]     // the diagonal crosses tiles at several offsets
    public void KernelSums_FusedKernel_EqualsStoredMatrixAndPortableLoops(int m, int n, int d, int permutations)
    {
        Assert.SkipUnless(FusedMmdKernel.IsSupported, "the fused kernel needs AVX2 and FMA");
        var a = Gaussian(m, d, 0, 1);
        var b = Gaussian(n, d, 0.2, 2);
        var labels = MmdDriftDetector.Labels(m, n, permutations, 5);
        var fast = MmdDriftDetector.KernelSums(a, b, labels, new MmdOptions { Threads = 2 });
        var slow = MmdDriftDetector.KernelSums(a, b, labels, new MmdOptions { Threads = 1, Portable = true });
        Assert.Equal(slow.Bandwidth, fast.Bandwidth, 12);
        for (var i = 0; i < m + n; i++)
        {
            Assert.Equal(slow.RowSums[i], fast.RowSums[i], Math.Max(1e-9, slow.RowSums[i] * 1e-5));
        }

        for (var p = 0; p < labels.Length; p++)
        {
            Assert.Equal(slow.PairSums[p], fast.PairSums[p], Math.Max(1e-9, slow.PairSums[p] * 1e-5));
        }
    }

    [Fact]
    public void KernelSums_FusedKernel_SameResultEveryRun()
    {
        Assert.SkipUnless(FusedMmdKernel.IsSupported, "the fused kernel needs AVX2 and FMA");
        var a = Gaussian(500, 12, 0, 1);
        var b = Gaussian(450, 12, 0.1, 2);
        var labels = MmdDriftDetector.Labels(500, 450, 200, 3);
        var first = MmdDriftDetector.KernelSums(a, b, labels, new MmdOptions { Threads = 2 });
        for (var run = 0; run < 3; run++)
        {
            var again = MmdDriftDetector.KernelSums(a, b, labels, new MmdOptions { Threads = 2 });
            Assert.Equal(first.Bandwidth, again.Bandwidth);
            Assert.Equal(first.RowSums, again.RowSums);
            Assert.Equal(first.PairSums, again.PairSums);
        }
    }

    [Fact]
    public void Run_FusedAndPortablePaths_SameStatisticAndPValue()
    {
        var a = Gaussian(220, 10, 0, 1);
        var b = Gaussian(190, 10, 0.15, 2);
        var fast = new MmdDriftDetector(new MmdOptions { Permutations = 300, Seed = 4 }).Run(a, b);
        var slow = new MmdDriftDetector(new MmdOptions { Permutations = 300, Seed = 4, Portable = true }).Run(a, b);
        Assert.Equal(slow.Bandwidth, fast.Bandwidth, 12);
        // Both sum float32 kernel values (in different orders); MMD² is a small difference of large sums.
        Assert.Equal(slow.Test.Statistic, fast.Test.Statistic, Math.Abs(slow.Test.Statistic) * 1e-4);
        Assert.Equal(slow.Test.PValue, fast.Test.PValue);
    }

    [Fact]
    public void Run_ShiftedEmbeddings_SmallestPossiblePValue()
    {
        var result = new MmdDriftDetector(new MmdOptions { Permutations = 200 }).Run(Gaussian(300, 16, 0, 1), Gaussian(250, 16, 0.5, 2));
        Assert.True(result.Test.Drifted);
        Assert.Equal(1.0 / 201, result.Test.PValue!.Value, 12);
        Assert.Equal("mmd-rbf-permutation", result.Test.Method);
        Assert.Equal(0.05, result.Test.Threshold);
    }

    [Fact]
    public void Run_SameDistribution_PValuesSpreadOverUnitInterval()
    {
        var rejections = 0;
        var pValues = new List<double>();
        for (var trial = 0; trial < 40; trial++)
        {
            var result = new MmdDriftDetector(new MmdOptions { Permutations = 99, Seed = trial }).Run(Gaussian(60, 4, 0, 100 + trial), Gaussian(60, 4, 0, 200 + trial));
            pValues.Add(result.Test.PValue!.Value);
            rejections += result.Test.Drifted ? 1 : 0;
        }

        Assert.InRange(rejections, 0, 7);
        Assert.InRange(pValues.Average(), 0.35, 0.65);
    }

    [Fact]
    public void Run_SameSeed_SameResult()
    {
        var a = Gaussian(80, 5, 0, 1);
        var b = Gaussian(70, 5, 0.1, 2);
        var options = new MmdOptions { Permutations = 100, Seed = 9 };
        Assert.Equal(new MmdDriftDetector(options).Run(a, b), new MmdDriftDetector(options).Run(a, b));
    }

    [Fact]
    public void Run_DifferentDimensions_ThrowsInvalidInput()
    {
        var ex = Assert.Throws<LatentOpsException>(() => new MmdDriftDetector().Run(Gaussian(10, 4, 0, 1), Gaussian(10, 5, 0, 1)));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains("components", ex.Message);
    }

    [Fact]
    public void Run_ZeroPermutations_ThrowsNamingTheOptionAndRange()
    {
        var ex = Assert.Throws<LatentOpsException>(() => new MmdDriftDetector(new MmdOptions { Permutations = 0 }).Run(Gaussian(10, 4, 0, 1), Gaussian(10, 4, 0, 1)));
        Assert.Contains("Permutations = 0", ex.Message);
    }

    [Fact]
    public void Median_EvenAndOddCounts_MatchesDefinition()
    {
        Assert.Equal(2.5, RbfKernelMatrix.Median([4f, 1f, 3f, 2f]));
        Assert.Equal(3, RbfKernelMatrix.Median([5f, 1f, 3f, 2f, 4f]));
    }
}
