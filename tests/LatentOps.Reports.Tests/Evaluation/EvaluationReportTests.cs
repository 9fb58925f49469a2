using LatentOps.Core.Tables;
using LatentOps.Evaluation.Ablations;
using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.RepresentationQuality;
using LatentOps.Evaluation.Robustness;
using LatentOps.Evaluation.Suite;
using LatentOps.Reports.Evaluation;

namespace LatentOps.Reports.Tests.Evaluation;

public sealed class EvaluationReportTests
{
    [Fact]
    public void Create_BinaryWithEverySection_RendersPlotsAndFlagsWorstSlice()
    {
        var random = new Random(4);
        var n = 1200;
        var labels = new int[n];
        var scores = new double[n];
        var state = new string?[n];
        var x = new float[n][];
        for (var i = 0; i < n; i++)
        {
            labels[i] = random.Next(2);
            state[i] = i % 4 == 0 ? "bad-state" : $"s{i % 3}";
            var strength = state[i] == "bad-state" ? 0.1 : 2.0;
            var z = ((labels[i] == 1 ? 1 : -1) * strength) + Normal(random);
            scores[i] = 1 / (1 + Math.Exp(-z));
            x[i] = [(float)z, (float)Normal(random)];
        }

        var set = PredictionSet.Binary(labels, scores, "good", "bad");
        var result = EvaluationSuite.Run(set, [new StringColumn("state", state)], new StringColumn("group", [.. state]), new EvaluationOptions { Bootstrap = new BootstrapOptions { Resamples = 100 } });
        var probes = ProbeSuite.Run([new ProbeFeatures("embedding", x[..800], x[800..])], labels[..800], labels[800..], ["good", "bad"], new LinearProbeOptions { Folds = 3 }, bootstrap: new BootstrapOptions { Resamples = 50 });
        var quality = RepresentationQualityAnalysis.Analyse(x);
        var robustness = new RobustnessResult("rocAucScore", 0.8, [new(0, 0.8, 0), new(1, 0.7, 0.1)], [new(0, 0.8, 0), new(0.5, 0.75, 0.05)], [new("x", 0.6, 0.2)], ["x"], ["c"], 42);
        var ablation = new AblationResult("rocAucScore", [1, 2, 3], 0.95,
            new AblationVariant(null, null, new Dictionary<string, string>(), [0.8, 0.81, 0.79], 0.8, 0.77, 0.83, 0, 0, 0, false),
            [new AblationVariant("dim", "64", new Dictionary<string, string> { ["dim"] = "64" }, [0.7, 0.71, 0.69], 0.7, 0.67, 0.73, -0.1, -0.12, -0.08, true)], []);

        var report = EvaluationReport.Create(result, "Evaluation of test");
        EvaluationReport.AddProbes(report, probes);
        EvaluationReport.AddRepresentationQuality(report, quality);
        EvaluationReport.AddRobustness(report, robustness);
        EvaluationReport.AddAblation(report, ablation);
        var html = report.Render();

        foreach (var expected in new[] { "Headline metrics", "Confusion matrix", "ROC curve", "Precision-recall curve", "Reliability diagram", "before temperature scaling", "Slices by &#39;state&#39;", "state = bad-state is worse than the rest", "Fairness over", "Probes", "RankMe", "what good looks like", "Robustness curve", "Ablation study", "dim=64" })
        {
            Assert.Contains(expected, html, StringComparison.Ordinal);
        }

        Assert.True(html.Split("<svg").Length - 1 >= 6, "expected at least six charts");
        Assert.DoesNotContain(">NaN<", html, StringComparison.Ordinal);
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
