using LatentOps.Monitoring.Drift.Embeddings;

namespace LatentOps.Monitoring.Tests.Drift.Embeddings;

public sealed class EmbeddingDriftTestsTests
{
    private static EmbeddingMatrix Shift(EmbeddingMatrix m, int component, float by)
    {
        var v = (float[])m.Values.Clone();
        for (var i = 0; i < m.Rows; i++)
        {
            v[(i * m.Dimensions) + component] += by;
        }

        return new EmbeddingMatrix(v, m.Rows, m.Dimensions);
    }

    [Fact]
    public void DomainClassifier_ShiftedComponent_HighAucAndDrift()
    {
        var a = MmdDriftDetectorTests.Gaussian(300, 8, 0, 1);
        var b = Shift(MmdDriftDetectorTests.Gaussian(300, 8, 0, 2), 3, 1.0f);
        var r = new EmbeddingDriftTests().DomainClassifier(a, b);
        Assert.Equal("domain-classifier-auc", r.Method);
        Assert.InRange(r.Statistic, 0.65, 0.85);
        Assert.True(r.Drifted);
    }

    [Fact]
    public void DomainClassifier_SameDistribution_AucNearHalfNoDrift()
    {
        var r = new EmbeddingDriftTests().DomainClassifier(MmdDriftDetectorTests.Gaussian(300, 8, 0, 1), MmdDriftDetectorTests.Gaussian(300, 8, 0, 2));
        Assert.InRange(r.Statistic, 0.4, 0.6);
        Assert.False(r.Drifted);
    }

    [Fact]
    public void MeanDistance_ShiftedMean_SmallestPValue()
    {
        var a = MmdDriftDetectorTests.Gaussian(200, 4, 0, 1);
        var b = MmdDriftDetectorTests.Gaussian(200, 4, 0.5, 2);
        var r = new EmbeddingDriftTests(new EmbeddingDriftOptions { Permutations = 199 }).MeanDistance(a, b);
        Assert.Equal(1.0 / 200, r.PValue!.Value, 12);
        Assert.InRange(r.Statistic, 0.7, 1.3); // |0.5 * (1,1,1,1)| = 1
    }

    [Fact]
    public void Components_OneShiftedOfEight_ShareIsOneEighthWithBonferroniThresholds()
    {
        var a = MmdDriftDetectorTests.Gaussian(400, 8, 0, 1);
        var b = Shift(MmdDriftDetectorTests.Gaussian(400, 8, 0, 2), 5, 1.5f);
        var r = new EmbeddingDriftTests().Components(a, b);
        Assert.Equal(1.0 / 8, r.DriftedShare);
        Assert.True(r.Components[5].Drifted);
        Assert.All(r.Components, c => Assert.Equal(0.05 / 8, c.Threshold, 12));
        Assert.True(r.Test.Drifted);
    }

    [Fact]
    public void Bbsd_SameProbabilities_NoDrift()
    {
        var p = new float[200];
        for (var i = 0; i < 100; i++)
        {
            p[2 * i] = i / 100f;
            p[(2 * i) + 1] = 1 - (i / 100f);
        }

        var m = new EmbeddingMatrix(p, 100, 2);
        var r = new EmbeddingDriftTests().Bbsd(m, m);
        Assert.False(r.Test.Drifted);
        Assert.Equal("bbsd-ks", r.Test.Method);
    }
}
