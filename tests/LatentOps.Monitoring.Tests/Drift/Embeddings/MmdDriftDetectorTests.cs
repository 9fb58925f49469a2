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

    [Fact]
    public void Compute_TableLookupKernel_EqualsPortableLoops()
    {
        var a = Gaussian(157, 7, 0, 1);
        var b = Gaussian(131, 7, 0.2, 2);
        var kernel = RbfKernelMatrix.Compute(a, b, null, 2);
        var labels = MmdDriftDetector.Labels(157, 131, 77, 5);
        var fast = PermutationPairSums.Compute(kernel, labels, 2, portable: false);
        var slow = PermutationPairSums.ComputePortable(kernel, labels, 1);
        for (var p = 0; p < labels.Length; p++)
        {
            Assert.Equal(slow[p], fast[p], slow[p] * 1e-5);
        }
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
