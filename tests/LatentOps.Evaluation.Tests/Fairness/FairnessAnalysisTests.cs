using LatentOps.Core.Tables;
using LatentOps.Evaluation.Fairness;
using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Tests.Fairness;

public sealed class FairnessAnalysisTests
{
    [Fact]
    public void Compute_HandCountedGroups_GapsAsFairlearnDefines()
    {
        // Group a: 4 rows, labels 1 1 0 0, predicted 1 0 1 0 -> selection 0.5, TPR 0.5, FPR 0.5
        // Group b: 4 rows, labels 1 1 0 0, predicted 1 1 1 1 -> selection 1.0, TPR 1.0, FPR 1.0
        // Group c: 2 rows, labels 1 0,     predicted 0 0     -> selection 0.0, TPR 0.0, FPR 0.0
        int[] labels = [1, 1, 0, 0, 1, 1, 0, 0, 1, 0];
        double[] scores = [0.9, 0.1, 0.8, 0.2, 0.9, 0.7, 0.6, 0.55, 0.3, 0.4];
        string[] groups = ["a", "a", "a", "a", "b", "b", "b", "b", "c", "c"];

        var result = FairnessAnalysis.Compute(PredictionSet.Binary(labels, scores), new StringColumn("group", groups), minimumGroupRows: 1);

        Assert.Equal(1.0, result.DemographicParityDifference, 1e-12);
        Assert.Equal(1.0, result.EqualOpportunityDifference, 1e-12);
        Assert.Equal(1.0, result.EqualizedOddsDifference, 1e-12);
        var a = result.Groups.Single(g => g.Group == "a");
        Assert.Equal((4, 2, 0.5, 0.5, 0.5), (a.Rows, a.Positives, a.SelectionRate, a.TruePositiveRate, a.FalsePositiveRate));
    }

    [Fact]
    public void Compute_SmallGroupsBelowMinimum_LeftOutOfGaps()
    {
        int[] labels = [1, 1, 0, 0, 1, 1, 0, 0, 1, 0];
        double[] scores = [0.9, 0.1, 0.8, 0.2, 0.9, 0.7, 0.6, 0.55, 0.3, 0.4];
        string[] groups = ["a", "a", "a", "a", "b", "b", "b", "b", "c", "c"];

        var result = FairnessAnalysis.Compute(PredictionSet.Binary(labels, scores), new StringColumn("group", groups), minimumGroupRows: 3);

        Assert.Equal(0.5, result.DemographicParityDifference, 1e-12);
        Assert.Equal(3, result.Groups.Count);
    }

    [Fact]
    public void Compute_Multiclass_Refused()
    {
        var set = PredictionSet.Multiclass([0, 1, 2], [[1, 0, 0], [0, 1, 0], [0, 0, 1]], ["a", "b", "c"]);

        Assert.Throws<ArgumentException>(() => FairnessAnalysis.Compute(set, new StringColumn("g", ["x", "y", "z"])));
    }
}
