using System.Xml.Linq;
using LatentOps.Reports.Charts;
using LatentOps.Reports.Html;

namespace LatentOps.Reports.Tests.Html;

public sealed class HtmlReportTests
{
    [Fact]
    public void Render_UserText_IsEncoded()
    {
        var html = new HtmlReport("<script>alert(1)</script>").Paragraph("a < b & c").Render();

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("a &lt; b &amp; c", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TableAndChart_HaveAccessibleLabels()
    {
        var svg = Chart.Bars("counts", ["a", "b"], [3, 5]);
        var html = new HtmlReport("r").Table("Class balance", ["class", "rows"], [["good", "9340"]]).Chart(svg, "Bar chart of class counts").Render();

        Assert.Contains("<caption>Class balance</caption>", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Bar chart of class counts\"", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_AllKinds_AreWellFormedSvg()
    {
        string[] charts =
        [
            Chart.Bars("b", ["x", "y"], [1, 2]),
            Chart.Histogram("h", [0, 1, 2], [4, 6]),
            Chart.Lines("l", [new LineSeries("fit", [0, 0.5, 1], [0, 0.4, 1]), new LineSeries("ideal", [0, 1], [0, 1], Dashed: true)]),
            Chart.Points("p", [1, 2, 3], [3, 1, 2]),
        ];

        Assert.All(charts, svg => Assert.Equal("svg", XDocument.Parse(svg).Root!.Name.LocalName));
    }

    [Fact]
    public async Task SaveAsync_Path_WritesWholeFileAndNoTempLeftBehind()
    {
        var folder = Path.Combine(Path.GetTempPath(), "latentops-report-tests", Guid.NewGuid().ToString("N"));
        var path = await new HtmlReport("saved").Paragraph("body").SaveAsync(Path.Combine(folder, "r.html"), TestContext.Current.CancellationToken);

        Assert.EndsWith("</html>\n", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateFiles(folder));
        Directory.Delete(folder, recursive: true);
    }
}
