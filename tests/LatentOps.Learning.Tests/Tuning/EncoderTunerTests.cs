using LatentOps.Core.Errors;
using LatentOps.Learning.Tuning;

namespace LatentOps.Learning.Tests.Tuning;

public sealed class EncoderTunerTests
{
    [Fact]
    public void Tune_ThreeTrials_ReportsEveryTrialAndKeepsTheBest()
    {
        var table = SampleTables.LendingClub(300);
        var scorer = new SpreadScorer();
        var seen = new List<TrialResult>();
        var options = new TuningOptions { Trials = 3, EpochsPerTrial = 1, Dimensions = [4, 8], Depths = [2], LabelColumn = "Class", Seed = 5 };
        var result = new EncoderTuner(options, scorer).Tune(table, onTrial: seen.Add);
        using var best = result.Best.Training.Model;

        Assert.Equal(3, result.Trials.Count);
        Assert.Equal(result.Trials, seen);
        Assert.Equal(result.Trials.Max(t => t.Score), result.Best.Score);
        Assert.Equal(3, scorer.Calls);
        Assert.Equal(60, scorer.LastValidationRows);
        Assert.NotNull(scorer.LastLabels);
        Assert.All(result.Trials, t => Assert.Equal(1, t.Settings.Threads));
        Assert.Equal(result.Best.EmbeddingDimension, best.Embed(table.Take([0])).Dimension);
    }

    [Fact]
    public void Rungs_NineTrialsEtaThree_TrainsNineThenThreeThenOneWithTheFullBudgetLast()
    {
        Assert.Equal([(9, 1), (3, 3), (1, 9)], EncoderTuner.Rungs(9, 3, 9));
        Assert.Equal([(4, 1), (2, 2), (1, 4)], EncoderTuner.Rungs(4, 2, 4));
        Assert.Equal([(1, 5)], EncoderTuner.Rungs(1, 3, 5));
    }

    [Fact]
    public void Tune_SuccessiveHalving_PromotesTheBestOfEachRungAndReturnsTheFinalRungsBest()
    {
        var table = SampleTables.LendingClub(300);
        var options = new TuningOptions { Trials = 4, Eta = 2, EpochsPerTrial = 2, Dimensions = [4, 8], Depths = [2], Seed = 5, Strategy = TuningStrategy.SuccessiveHalving };

        var result = new EncoderTuner(options, new SpreadScorer()).Tune(table);
        using var best = result.Best.Training.Model;

        Assert.Equal(3, result.Rungs);
        Assert.Equal([4, 2, 1], result.Trials.GroupBy(t => t.Rung).OrderBy(g => g.Key).Select(g => g.Count()));
        var first = result.Trials.Where(t => t.Rung == 0).OrderByDescending(t => t.Score).Take(2).Select(t => t.Trial).Order();
        Assert.Equal(first, result.Trials.Where(t => t.Rung == 1).Select(t => t.Trial).Order());
        Assert.Equal(2, result.Best.Rung);
        Assert.Equal(2, result.Best.Settings.Epochs);
        Assert.All(result.Trials.Where(t => t.Rung == 0), t => Assert.Equal(1, t.Settings.Epochs));
    }

    [Fact]
    public void Tune_ZeroTrials_ThrowsNamingRange()
    {
        var e = Assert.Throws<LatentOpsException>(() => new EncoderTuner(new TuningOptions { Trials = 0 }, new SpreadScorer()).Tune(SampleTables.LendingClub(30)));
        Assert.Contains("Trials is 0; allowed: 1 to 10000", e.Message);
    }

    /// <summary>A label-free stand-in: the mean per-dimension variance of the validation embeddings.</summary>
    private sealed class SpreadScorer : IRepresentationScorer
    {
        public int Calls { get; private set; }

        public int LastValidationRows { get; private set; }

        public IReadOnlyList<string?>? LastLabels { get; private set; }

        public string Name => "spreadScore";

        public double Score(RepresentationScoringInput input)
        {
            Calls++;
            LastValidationRows = input.Validation.Rows;
            LastLabels = input.ValidationLabels;
            var v = input.Validation;
            double total = 0;
            for (var d = 0; d < v.Dimension; d++)
            {
                var mean = Enumerable.Range(0, v.Rows).Average(r => v.Row(r)[d]);
                total += Enumerable.Range(0, v.Rows).Average(r => Math.Pow(v.Row(r)[d] - mean, 2));
            }

            return total / v.Dimension;
        }
    }
}
