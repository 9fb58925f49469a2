using LatentOps.Core.Tables;
using LatentOps.Monitoring.Drift;
using LatentOps.Reports.Drift;

namespace LatentOps.Reports.Tests.Drift;

public sealed class DriftReportTests
{
    private static DatasetDriftResult Drift(double shift)
    {
        var random = new Random(1);
        Table Make(double s) => new([
            new NumericColumn("income", [.. Enumerable.Range(0, 300).Select(_ => (random.NextDouble() * 10) + s)]),
            new StringColumn("grade", [.. Enumerable.Range(0, 300).Select(i => s > 0 && i % 2 == 0 ? "Z" : "A")]),
            new NumericColumn("age", [.. Enumerable.Range(0, 300).Select(_ => random.NextDouble())]),
        ]);
        return new DatasetDriftDetector().Run(Make(0), Make(shift));
    }

    [Fact]
    public void Build_DriftedData_RanksDriftedColumnsFirstAndShowsThresholds()
    {
        var mmd = DriftTestResult.FromPValue("mmd-rbf-permutation", 0.02, 0.001, 0.05, 300, 300);
        var html = DriftReport.Build(new DriftReportInput("Drift", "loans:1", "loans:2", Drift(5), [mmd], [])).Render();
        Assert.Contains("Dataset drift", html);
        Assert.True(html.IndexOf("<td>income</td>", StringComparison.Ordinal) < html.IndexOf("<td>age</td>", StringComparison.Ordinal));
        Assert.Contains("p &lt; 0.01667", html);
        Assert.Contains("mmd-rbf-permutation detects drift", html);
    }

    [Fact]
    public void Build_Timeline_OneChartPerTestAndWindowLabels()
    {
        var windows = new[]
        {
            new DriftWindow("day 1", Drift(0), [DriftTestResult.FromPValue("mmd-rbf-permutation", 0.001, 0.6, 0.05, 100, 100)]),
            new DriftWindow("day 2", Drift(5), [DriftTestResult.FromPValue("mmd-rbf-permutation", 0.03, 0.002, 0.05, 100, 100)]),
        };
        var html = DriftReport.Build(new DriftReportInput("Drift", "a", "b", null, [], windows)).Render();
        Assert.Contains("mmd-rbf-permutation per window", html);
        Assert.Contains("drift in windows day 2", html);
        Assert.Contains("Share of drifted columns", html);
        Assert.Contains("<svg", html);
    }
}
