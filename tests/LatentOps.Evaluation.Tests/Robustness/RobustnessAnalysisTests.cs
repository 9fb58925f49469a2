using LatentOps.Core.Tables;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.Robustness;

namespace LatentOps.Evaluation.Tests.Robustness;

public sealed class RobustnessAnalysisTests
{
    /// <summary>A table where 'signal' and 'colour' carry the label and 'noise' does not, and a real fitted model over it.</summary>
    private static (Table Features, int[] Labels, Func<Table, PredictionSet> Predict) Model(int n = 600)
    {
        var random = new Random(11);
        var labels = new int[n];
        var signal = new double[n];
        var noise = new double[n];
        var colour = new string?[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = random.Next(2);
            signal[i] = (labels[i] * 2.0) + Synthetic.Gaussian(random);
            noise[i] = Synthetic.Gaussian(random);
            colour[i] = random.NextDouble() < 0.4 ? (labels[i] == 1 ? "red" : "blue") : "green";
        }

        var table = new Table([new NumericColumn("signal", signal), new NumericColumn("noise", noise), new StringColumn("colour", colour)]);
        static float[][] Encode(Table t) => [.. Enumerable.Range(0, t.RowCount).Select(i =>
        {
            var s = ((NumericColumn)t["signal"])[i];
            var z = ((NumericColumn)t["noise"])[i];
            var c = ((StringColumn)t["colour"])[i];
            return new[] { double.IsNaN(s) ? 1f : (float)s, double.IsNaN(z) ? 0f : (float)z, c == "red" ? 1f : 0f, c == "blue" ? 1f : 0f };
        })];
        var probe = LinearProbe.Fit(Encode(table), labels, 2, new LinearProbeOptions { CandidateCs = [1.0] });
        return (table, labels, t => ProbeSuite.ToPredictionSet(probe.PredictProbabilities(Encode(t)), labels, ["0", "1"]));
    }

    [Fact]
    public void Run_RealModel_MetricFallsWithNoiseAndSwaps()
    {
        var (table, _, predict) = Model();

        var result = RobustnessAnalysis.Run(table, predict, MetricCatalog.Get("rocAucScore"));

        Assert.Equal(result.CleanValue, result.Noise[0].Value);
        Assert.Equal(0, result.Noise[0].Drop);
        Assert.True(result.Noise[^1].Drop > 0.05, $"noise drop {result.Noise[^1].Drop}");
        Assert.True(result.Noise[^1].Drop > result.Noise[1].Drop);
        Assert.True(result.CategorySwaps[^1].Drop > 0.01, $"swap drop {result.CategorySwaps[^1].Drop}");
        Assert.Equal(["signal", "noise"], result.NumericFeatures);
        Assert.Equal(["colour"], result.CategoricalFeatures);
    }

    [Fact]
    public void Run_DroppedFeatures_SignalHurtsMostNoiseBarely()
    {
        var (table, _, predict) = Model();

        var result = RobustnessAnalysis.Run(table, predict, MetricCatalog.Get("rocAucScore"), new RobustnessOptions { NoiseLevels = [0], SwapRates = [0] });

        Assert.Equal("signal", result.DroppedFeatures[0].Feature);
        Assert.True(Math.Abs(result.DroppedFeatures.Single(d => d.Feature == "noise").Drop) < 0.02);
    }

    [Fact]
    public void SwapCategories_KeepsValuesFromTheColumn()
    {
        var table = new Table([new StringColumn("c", ["a", "b", "a", "c", null])]);

        var swapped = RobustnessAnalysis.SwapCategories(table, ["c"], 1.0, 3);

        Assert.All(((StringColumn)swapped["c"]).Values.ToArray(), v => Assert.Contains(v, new[] { "a", "b", "c", null }));
    }

    [Fact]
    public void Validate_SwapRateAboveOne_NamesRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RobustnessOptions { SwapRates = [1.5] }.Validate());

        Assert.Contains("[0, 1]", error.Message, StringComparison.Ordinal);
    }
}
