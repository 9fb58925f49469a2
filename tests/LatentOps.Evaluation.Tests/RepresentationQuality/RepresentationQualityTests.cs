using LatentOps.Evaluation.RepresentationQuality;
using LatentOps.Evaluation.Tests.Metrics;
using LatentOps.Evaluation.Tests.Probes;

namespace LatentOps.Evaluation.Tests.RepresentationQuality;

public sealed class RepresentationQualityTests
{
    private static System.Text.Json.JsonElement Quality => SklearnFixtureDocument.Root.GetProperty("quality");

    [Fact]
    public void Analyse_Fixture_EqualsNumpyReference()
    {
        var embeddings = LinearProbeTests.Floats(Quality.GetProperty("embeddings"));
        var positives = LinearProbeTests.Floats(Quality.GetProperty("positives"));

        var result = RepresentationQualityAnalysis.Analyse(embeddings, positives);

        // Inputs pass through float32: relative agreement 1e-5.
        AssertRelative(Quality.GetProperty("rankMe").GetDouble(), result.RankMeScore);
        AssertRelative(Quality.GetProperty("uniformity").GetDouble(), result.UniformityLoss);
        AssertRelative(Quality.GetProperty("alignment").GetDouble(), result.AlignmentLoss!.Value);
        AssertRelative(Quality.GetProperty("collapseStd").GetDouble(), result.CollapseStd);
        Assert.Equal(16, result.Dimensions);
    }

    [Fact]
    public void Analyse_CollapsedEmbedding_FlagsCollapse()
    {
        var random = new Random(1);
        // Every row is the same direction up to tiny noise: complete collapse.
        var collapsed = Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, 32).Select(j => (float)(1 + (1e-4 * random.NextDouble()))).ToArray()).ToArray();
        var healthy = Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, 32).Select(j => (float)Synthetic.Gaussian(random)).ToArray()).ToArray();

        var bad = RepresentationQualityAnalysis.Analyse(collapsed);
        var good = RepresentationQualityAnalysis.Analyse(healthy);

        Assert.True(bad.RankMeScore < 2, $"collapsed RankMe {bad.RankMeScore}");
        Assert.True(good.RankMeScore > 25, $"healthy RankMe {good.RankMeScore}");
        Assert.True(bad.CollapseRatio < 0.01);
        Assert.InRange(good.CollapseRatio, 0.9, 1.05);
        Assert.True(bad.UniformityLoss > -0.01);
        Assert.True(good.UniformityLoss < -3);
        Assert.Contains(bad.Findings, f => f.StartsWith("Collapse warning", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyse_ManyRows_UniformityOnSeededSample()
    {
        var random = new Random(2);
        var rows = Enumerable.Range(0, 2500).Select(_ => Enumerable.Range(0, 8).Select(j => (float)Synthetic.Gaussian(random)).ToArray()).ToArray();

        var a = RepresentationQualityAnalysis.Analyse(rows, uniformityRows: 500, seed: 3);
        var b = RepresentationQualityAnalysis.Analyse(rows, uniformityRows: 500, seed: 3);

        Assert.Equal(500, a.UniformityRows);
        Assert.Equal(a.UniformityLoss, b.UniformityLoss);
    }

    private static void AssertRelative(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
}
