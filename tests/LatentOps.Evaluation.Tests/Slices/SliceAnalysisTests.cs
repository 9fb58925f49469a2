using LatentOps.Core.Tables;
using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Slices;

namespace LatentOps.Evaluation.Tests.Slices;

public sealed class SliceAnalysisTests
{
    private static readonly BootstrapOptions Fast = new() { Resamples = 200 };

    [Fact]
    public void Analyse_OneWorseGroup_OnlyThatGroupFlagged()
    {
        var (set, groups) = Synthetic.Grouped(400, [2.0, 2.0, 0.3, 2.0, 2.0]);
        var metrics = new[] { MetricCatalog.Get("rocAucScore"), MetricCatalog.Get("accuracyScore") };
        var overall = BootstrapEstimator.Estimate(set, [metrics[0]], Fast)[0];

        var slices = SliceAnalysis.Analyse(set, new StringColumn("state", groups), metrics, overall, Fast);

        Assert.Equal(5, slices.Count);
        Assert.Equal(["g2"], slices.Where(s => s.Flagged).Select(s => s.Value));
        var worst = slices.Single(s => s.Value == "g2");
        Assert.Equal(400, worst.Rows);
        Assert.True(worst.Estimate.Upper < worst.RestValue);
        Assert.True(worst.Difference < -0.2);
        Assert.Contains("accuracyScore", worst.Others.Keys);
    }

    [Fact]
    public void Analyse_EqualGroups_NothingFlagged()
    {
        var (set, groups) = Synthetic.Grouped(300, [1.0, 1.0, 1.0, 1.0]);
        var auc = MetricCatalog.Get("rocAucScore");
        var overall = BootstrapEstimator.Estimate(set, [auc], Fast)[0];

        var slices = SliceAnalysis.Analyse(set, new StringColumn("g", groups), [auc], overall, Fast);

        Assert.DoesNotContain(slices, s => s.Flagged);
    }

    [Fact]
    public void Analyse_TinySlice_WarnsAndNeverFlags()
    {
        var (set, groups) = Synthetic.Grouped(200, [2.0, 0.0]);
        groups = [.. groups.Select((g, i) => g == "g1" && i % 20 != 0 ? "g0" : g)];
        var auc = MetricCatalog.Get("rocAucScore");
        var overall = BootstrapEstimator.Estimate(set, [auc], Fast)[0];

        var tiny = SliceAnalysis.Analyse(set, new StringColumn("g", groups), [auc], overall, Fast).Single(s => s.Value == "g1");

        Assert.Equal(10, tiny.Rows);
        Assert.False(tiny.Flagged);
        Assert.Contains("too small", tiny.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void For_NumericColumn_QuartileBinsWithMissing()
    {
        var values = Enumerable.Range(0, 100).Select(i => i == 7 ? double.NaN : i).ToArray();

        var (keys, order) = SliceKeys.For(new NumericColumn("x", values), 4, 60);

        Assert.Equal(5, order.Count);
        Assert.Equal(SliceKeys.Missing, keys[7]);
        Assert.Equal(order[0], keys[0]);
        Assert.Equal(order[3], keys[99]);
        Assert.StartsWith("[0, ", order[0], StringComparison.Ordinal);
    }

    [Fact]
    public void For_ManyValues_RarestPooledAsOther()
    {
        var values = Enumerable.Range(0, 200).Select(i => i < 100 ? "common" : $"rare{i}").ToArray();

        var (keys, order) = SliceKeys.For(new StringColumn("c", values), 4, 10);

        Assert.Equal(10, order.Count);
        Assert.Contains(SliceKeys.Other, order);
        Assert.Equal("common", keys[0]);
    }

    [Fact]
    public void NormalCdf_KnownValues()
    {
        Assert.Equal(0.5, SliceAnalysis.NormalCdf(0), 1e-7);
        Assert.Equal(0.0227501319, SliceAnalysis.NormalCdf(-2), 1e-6);
        Assert.Equal(0.9986501020, SliceAnalysis.NormalCdf(3), 1e-6);
    }
}
