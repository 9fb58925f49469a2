using System.Globalization;
using LatentOps.Evaluation.Ablations;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.Tests.Probes;

namespace LatentOps.Evaluation.Tests.Ablations;

public sealed class AblationStudyTests
{
    [Fact]
    public void TInterval_KnownValues_MatchStudentT()
    {
        var (mean, lower, upper) = AblationStudy.TInterval([1.0, 2.0, 3.0], 0.95);

        Assert.Equal(2.0, mean, 1e-12);
        // t(0.975, 2) = 4.302652729911275; half-width = t * 1 / sqrt(3).
        Assert.Equal(2 - (4.302652729911275 / Math.Sqrt(3)), lower, 1e-9);
        Assert.Equal(2 + (4.302652729911275 / Math.Sqrt(3)), upper, 1e-9);
    }

    [Fact]
    public async Task RunAsync_RealProbeTraining_OverRegularisedVariantIsSignificantlyWorse()
    {
        var calls = 0;
        async Task<double> TrainAndScore(IReadOnlyDictionary<string, string> settings, int seed, CancellationToken token)
        {
            Interlocked.Increment(ref calls);
            await Task.Yield();
            var (x, y) = LinearProbeTests.Separable(300, noise: 1.2, seed: seed);
            var c = double.Parse(settings["c"], CultureInfo.InvariantCulture);
            var model = LinearProbe.Fit(x[..200], y[..200], 2, new LinearProbeOptions { CandidateCs = [c] });
            var set = ProbeSuite.ToPredictionSet(model.PredictProbabilities(x[200..]), y[200..], ["0", "1"]);
            return MetricCatalog.Get("logLoss").Compute(set);
        }

        var result = await AblationStudy.RunAsync(
            new Dictionary<string, string> { ["c"] = "1" },
            [new AblationFactor("c", ["0.0001", "10"])],
            [1, 2, 3, 4],
            "logLoss",
            TrainAndScore,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(12, calls);
        Assert.Equal(0, result.Base.Difference);
        var tiny = result.Variants.Single(v => v.Value == "0.0001");
        Assert.True(tiny.Significant);
        Assert.True(tiny.DifferenceLower > 0, "heavy regularisation should raise the log loss");
        Assert.Equal("0.0001", tiny.Settings["c"]);
        Assert.Empty(result.Warnings);
    }
}
