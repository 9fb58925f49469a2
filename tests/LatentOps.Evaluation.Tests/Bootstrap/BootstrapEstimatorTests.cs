using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Tests.Bootstrap;

public sealed class BootstrapEstimatorTests
{
    [Fact]
    public void Estimate_SameSeed_SameInterval()
    {
        var (set, _) = Synthetic.Grouped(300, [1.0]);
        var metrics = MetricCatalog.Headline(PredictionTask.Binary);

        var a = BootstrapEstimator.Estimate(set, metrics, new BootstrapOptions { Resamples = 200, Seed = 5 });
        var b = BootstrapEstimator.Estimate(set, metrics, new BootstrapOptions { Resamples = 200, Seed = 5 });

        Assert.Equal(a, b);
    }

    [Fact]
    public void Estimate_Interval_ContainsValueAndShrinksWithMoreRows()
    {
        var auc = MetricCatalog.Get("rocAucScore");
        var (small, _) = Synthetic.Grouped(200, [1.0]);
        var (large, _) = Synthetic.Grouped(3200, [1.0]);

        var s = BootstrapEstimator.Estimate(small, [auc], new BootstrapOptions { Resamples = 300 })[0];
        var l = BootstrapEstimator.Estimate(large, [auc], new BootstrapOptions { Resamples = 300 })[0];

        Assert.InRange(s.Value, s.Lower, s.Upper);
        Assert.InRange(l.Value, l.Lower, l.Upper);
        // Width scales like 1/sqrt(n): 16x the rows, about a quarter of the width.
        Assert.InRange(l.HalfWidth / s.HalfWidth, 0.15, 0.4);
    }

    [Fact]
    public void Estimate_CoverageOnRepeatedDraws_NearNominal()
    {
        // The true AUC of the generating process, estimated once on a very large sample.
        var accuracy = MetricCatalog.Get("accuracyScore");
        var (population, _) = Synthetic.Grouped(40000, [0.7], seed: 99);
        var truth = accuracy.Compute(population);
        var covered = 0;
        const int Trials = 40;
        for (var t = 0; t < Trials; t++)
        {
            var (sample, _) = Synthetic.Grouped(250, [0.7], seed: 1000 + t);
            var e = BootstrapEstimator.Estimate(sample, [accuracy], new BootstrapOptions { Resamples = 200, Seed = t })[0];
            covered += e.Lower <= truth && truth <= e.Upper ? 1 : 0;
        }

        Assert.InRange(covered, 33, 40);
    }

    [Fact]
    public void Estimate_OneClassResamples_CountedAsUndefined()
    {
        // 2 positives in 60 rows: some resamples have no positive and ROC-AUC is undefined there.
        var labels = Enumerable.Range(0, 60).Select(i => i < 2 ? 1 : 0).ToArray();
        var scores = Enumerable.Range(0, 60).Select(i => (i % 10) / 10.0).ToArray();

        var e = BootstrapEstimator.Estimate(PredictionSet.Binary(labels, scores), [MetricCatalog.Get("rocAucScore")], new BootstrapOptions { Resamples = 200 })[0];

        Assert.InRange(e.ValidResamples, 100, 199);
    }

    [Fact]
    public void Validate_ResamplesTooFew_NamesRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BootstrapOptions { Resamples = 3 }.Validate());

        Assert.Contains("between 50 and 100000", error.Message, StringComparison.Ordinal);
    }
}
