using LatentOps.Core.Tables;
using LatentOps.Data.Profiling;
using LatentOps.Reports.DataProfiles;

namespace LatentOps.Reports.Tests.DataProfiles;

public sealed class DataProfileReportTests
{
    [Fact]
    public void Build_MixedTable_OverviewRowPerColumnAndCharts()
    {
        var table = new Table([
            new NumericColumn("amount", [.. Enumerable.Range(0, 100).Select(i => i * 1.5)]),
            new StringColumn("state", [.. Enumerable.Range(0, 100).Select(i => i % 3 == 0 ? "CA" : "NY")]),
            new DateTimeColumn("when", [.. Enumerable.Range(0, 100).Select(i => (DateTime?)new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i))]),
        ]);

        var html = DataProfileReport.Build(TableProfiler.Profile(table, cancellationToken: TestContext.Current.CancellationToken), "Profile of t:1").Render();

        Assert.Contains("<caption>Every column at a glance</caption>", html, StringComparison.Ordinal);
        Assert.Equal(3, CountOccurrences(html, "<figure"));
        Assert.Contains("2020-01-01", html, StringComparison.Ordinal);
        Assert.Contains("CA", html, StringComparison.Ordinal);
    }

    private static int CountOccurrences(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}
