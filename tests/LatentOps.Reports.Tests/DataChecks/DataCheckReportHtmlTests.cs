using LatentOps.Core.Tables;
using LatentOps.Data.Checks;
using LatentOps.Reports.DataChecks;

namespace LatentOps.Reports.Tests.DataChecks;

public sealed class DataCheckReportHtmlTests
{
    [Fact]
    public void Build_ImbalancedLabelWithEmails_ShowsFindingsBySeverityAndClassChart()
    {
        var table = new Table([
            new StringColumn("note", [.. Enumerable.Range(0, 100).Select(i => i % 10 == 0 ? $"write to user{i}@example.org" : "no contact")], ColumnType.Text),
            new StringColumn("y", [.. Enumerable.Range(0, 100).Select(i => i < 5 ? "bad" : "good")]),
        ]);
        var report = DataChecker.Run(table, new DataCheckOptions { LabelColumn = "y" }, cancellationToken: TestContext.Current.CancellationToken);

        var html = DataCheckReportHtml.Build(report, "Data check of t:1").Render();

        Assert.Contains("class=\"finding warning\"", html, StringComparison.Ordinal);
        Assert.Contains("Class imbalance", html, StringComparison.Ordinal);
        Assert.Contains("Personal data (PII)", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("user10@example.org", html, StringComparison.Ordinal);
    }
}
