using System.Text.RegularExpressions;
using LatentOps.Reports.Charts;

namespace LatentOps.Reports.Tests.Charts;

public sealed class ChartTests
{
    [Fact]
    public void Lines_WholeNumberX_TicksAreWholeNumbers()
    {
        var svg = Chart.Lines("checks", [new LineSeries("drift", [1.0, 2.0, 3.0], [0.0, 0.0, 0.09])], "check", "drift");

        // y stays below 0.1, so a label such as "1.5" or "2.5" can only be a fractional x tick.
        var labels = TickLabels(svg);
        Assert.Contains("2", labels);
        Assert.DoesNotContain(labels, t => Regex.IsMatch(t, @"^[1-9]\.\d"));
    }

    [Fact]
    public void Lines_FractionalX_KeepsFractionalTicks()
    {
        var svg = Chart.Lines("roc", [new LineSeries("model", [0.0, 0.25, 0.5, 1.0], [0.0, 0.6, 0.8, 1.0])], "fpr", "tpr");

        Assert.Contains(TickLabels(svg), t => t.StartsWith("0.", StringComparison.Ordinal));
    }

    private static List<string> TickLabels(string svg) =>
        [.. Regex.Matches(svg, @"<text[^>]*>([^<]+)</text>").Select(m => m.Groups[1].Value.Trim())];
}
