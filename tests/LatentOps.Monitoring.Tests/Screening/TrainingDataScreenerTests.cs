using LatentOps.Monitoring.Drift.Embeddings;
using LatentOps.Monitoring.Screening;
using LatentOps.Monitoring.Tests.Drift.Embeddings;

namespace LatentOps.Monitoring.Tests.Screening;

public sealed class TrainingDataScreenerTests
{
    [Fact]
    public void Screen_PlantedOutliersAndFlippedLabels_FindsThem()
    {
        var reference = MmdDriftDetectorTests.Gaussian(300, 4, 0, 1);
        var random = new Random(5);
        var values = new float[200 * 4];
        var labels = new int[200];
        for (var i = 0; i < 200; i++)
        {
            var cls = i % 2;
            for (var k = 0; k < 4; k++)
            {
                values[(i * 4) + k] = (float)((cls == 0 ? -1.5 : 1.5) + (random.NextDouble() - 0.5));
            }

            labels[i] = cls;
        }

        for (var k = 0; k < 4; k++)
        {
            values[(7 * 4) + k] = 40; // far from everything
        }

        labels[10] = 1;  // row 10 sits among class 0
        labels[21] = 0;  // row 21 sits among class 1
        var result = new TrainingDataScreener().Screen(reference, new EmbeddingMatrix(values, 200, 4), labels);
        Assert.Contains(result.Outliers, o => o.Row == 7);
        Assert.Equal([10, 21], result.SuspectedLabelFlips.Select(f => f.Row).Order().ToArray());
        Assert.Equal(0, result.SuspectedLabelFlips.Single(f => f.Row == 10).SuggestedLabel);
        var kept = result.KeptRows(excludeOutliers: true, excludeSuspectedLabelFlips: true);
        Assert.DoesNotContain(7, kept);
        Assert.DoesNotContain(10, kept);
        Assert.Equal(200, result.KeptRows(false, false).Length);
    }

    [Fact]
    public void Screen_SameDistribution_FewOutliersAtTheQuantile()
    {
        var result = new TrainingDataScreener().Screen(MmdDriftDetectorTests.Gaussian(500, 4, 0, 1), MmdDriftDetectorTests.Gaussian(500, 4, 0, 2));
        Assert.InRange(result.Outliers.Count, 0, 20);
        Assert.Empty(result.SuspectedLabelFlips);
    }
}
