using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Learning.Hybrids;
using LatentOps.Learning.Tests.Training;
using LatentOps.Learning.Training;

namespace LatentOps.Learning.Tests.Hybrids;

public sealed class HybridTrainerTests
{
    [Theory]
    [InlineData(HybridLearner.LightGbm)]
    [InlineData(HybridLearner.FastTree)]
    [InlineData(HybridLearner.LogisticRegression)]
    public void Fit_RawPlusEmbedding_PredictsHeldOutTermWell(HybridLearner learner)
    {
        // Predict the loan term (36 vs 60 months) from the other columns: real signal (rate, grade).
        var train = SampleTables.LendingClub(500);
        var test = SampleTables.LendingClub(300, skip: 500);
        var options = TabularTrainerTests.Small();
        options.LabelColumn = "term";
        using var encoder = new TabularTrainer(options).Fit(train).Model;

        var model = new HybridTrainer(new HybridOptions { Learner = learner, NumberOfTrees = 50 }, encoder).Fit(train, "term");
        var p = model.PredictProbabilities(test);

        Assert.Equal(["term_36", "term_60"], model.Classes);
        Assert.Equal(encoder.Preprocessor.NumericWidth + encoder.Preprocessor.CategoricalColumns.Sum(c => c.Cardinality) + 8, model.FeatureWidth);
        Assert.All(p, v => Assert.InRange(v, 0f, 1f));
        var truth = Enumerable.Range(0, test.RowCount).Select(r => ((StringColumn)test["term"])[r] == "term_60").ToArray();
        Assert.True(Auc(truth, [.. Enumerable.Range(0, test.RowCount).Select(r => p[(r * 2) + 1])]) > 0.75);
    }

    [Fact]
    public void Fit_RawBaselineWithoutEncoder_Works()
    {
        var train = SampleTables.LendingClub(300);
        var model = new HybridTrainer(new HybridOptions { Features = HybridFeatureSet.Raw, NumberOfTrees = 20 }).Fit(train, "term");
        Assert.Equal(600, model.PredictProbabilities(train).Length);
    }

    [Fact]
    public void Fit_MulticlassLabel_GivesRowsSummingToOne()
    {
        var train = SampleTables.LendingClub(400);
        var model = new HybridTrainer(new HybridOptions { Features = HybridFeatureSet.Raw, Learner = HybridLearner.LogisticRegression }).Fit(train, "verification_status");
        var p = model.PredictProbabilities(train.Take([0, 1, 2]));
        Assert.Equal(3, model.Classes.Count);
        for (var r = 0; r < 3; r++)
        {
            Assert.Equal(1.0, p[(r * 3)..((r * 3) + 3)].Sum(), 3);
        }
    }

    [Fact]
    public void Fit_EmbeddingFeaturesWithoutEncoder_ThrowsInvalidInput()
    {
        var e = Assert.Throws<LatentOpsException>(() => new HybridTrainer(new HybridOptions()).Fit(SampleTables.LendingClub(50), "term"));
        Assert.Contains("need an encoder", e.Message);
    }

    private static double Auc(bool[] truth, float[] score)
    {
        var pos = Enumerable.Range(0, truth.Length).Where(i => truth[i]).ToArray();
        var neg = Enumerable.Range(0, truth.Length).Where(i => !truth[i]).ToArray();
        double wins = 0;
        foreach (var i in pos)
        {
            foreach (var j in neg)
            {
                wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
            }
        }

        return wins / (pos.Length * (double)neg.Length);
    }
}
