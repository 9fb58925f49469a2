using ScottPlot;

namespace LatentOps.Reports.Charts;

/// <summary>
/// Small, consistent SVG charts for reports, drawn with ScottPlot (no native graphics library
/// needed). Each method returns an SVG document string to pass to <c>HtmlReport.Chart</c>.
/// </summary>
public static class Chart
{
    /// <summary>The default size in pixels.</summary>
    public const int Width = 640, Height = 320;

    /// <summary>Vertical bars, one per label.</summary>
    public static string Bars(string title, IReadOnlyList<string> labels, IReadOnlyList<double> values, string? yLabel = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        var plot = NewPlot(title, null, yLabel);
        var positions = Enumerable.Range(0, values.Count).Select(i => (double)i).ToArray();
        plot.Add.Bars(positions, [.. values]);
        plot.Axes.Bottom.SetTicks(positions, [.. labels]);
        plot.Axes.Margins(bottom: 0);
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>A histogram from precomputed bin edges (length n + 1) and counts (length n).</summary>
    public static string Histogram(string title, IReadOnlyList<double> edges, IReadOnlyList<double> counts, string? xLabel = null)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(counts);
        if (edges.Count != counts.Count + 1)
        {
            throw new ArgumentException("A histogram needs one more edge than counts.", nameof(edges));
        }

        var plot = NewPlot(title, xLabel, "count");
        var bars = new List<Bar>(counts.Count);
        for (var i = 0; i < counts.Count; i++)
        {
            bars.Add(new Bar { Position = (edges[i] + edges[i + 1]) / 2, Value = counts[i], Size = edges[i + 1] - edges[i] });
        }

        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>One or more lines over shared or separate x values.</summary>
    public static string Lines(string title, IEnumerable<LineSeries> series, string? xLabel = null, string? yLabel = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = NewPlot(title, xLabel, yLabel);
        var any = false;
        var wholeX = true;
        foreach (var line in series)
        {
            wholeX &= line.X.All(x => x == Math.Floor(x));
            var scatter = plot.Add.Scatter(line.X.ToArray(), line.Y.ToArray());
            scatter.LegendText = line.Name;
            scatter.MarkerSize = line.Markers ? 5 : 0;
            if (line.Dashed)
            {
                scatter.LinePattern = LinePattern.Dashed;
            }

            any |= !string.IsNullOrEmpty(line.Name);
        }

        if (any)
        {
            plot.ShowLegend();
        }

        if (wholeX)
        {
            // Steps, epochs and check numbers are counts: a tick at 1.5 would mean nothing.
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }

        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>Points without lines (e.g. a 2-D projection of embeddings).</summary>
    public static string Points(string title, IReadOnlyList<double> x, IReadOnlyList<double> y, string? xLabel = null, string? yLabel = null)
    {
        var plot = NewPlot(title, xLabel, yLabel);
        var scatter = plot.Add.ScatterPoints(x.ToArray(), y.ToArray());
        scatter.MarkerSize = 3;
        return plot.GetSvgXml(Width, Height);
    }

    private static Plot NewPlot(string title, string? xLabel, string? yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        if (xLabel is not null)
        {
            plot.XLabel(xLabel);
        }

        if (yLabel is not null)
        {
            plot.YLabel(yLabel);
        }

        return plot;
    }
}
