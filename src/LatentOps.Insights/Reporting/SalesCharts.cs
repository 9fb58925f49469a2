using ScottPlot;

namespace LatentOps.Insights.Reporting;

/// <summary>
/// SVG charts of a <see cref="SalesInsightsResult"/> (ScottPlot, no native graphics library), shared by
/// the HTML report and the dashboard pages. Colours are the Okabe-Ito palette, readable with colour-blindness.
/// </summary>
public static class SalesCharts
{
    /// <summary>The default size in pixels.</summary>
    public const int Width = 640, Height = 360;

    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>The colour of a segment (1-based), as #RRGGBB.</summary>
    public static string SegmentColour(int segment) => Palette[(segment - 1) % Palette.Length];

    /// <summary>The customer map: every customer as a dot coloured by segment.</summary>
    public static string CustomerMap(SalesInsightsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = NewPlot("Customer map", "first map direction", "second map direction");
        foreach (var segment in result.Segments)
        {
            var points = result.CustomerMap.Where(p => p.Segment == segment.Number).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            var scatter = plot.Add.ScatterPoints(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            scatter.Color = Color.FromHex(SegmentColour(segment.Number));
            scatter.MarkerSize = 4;
            scatter.MarkerShape = Shape(segment.Number);
            scatter.LegendText = $"Segment {segment.Number}";
        }

        plot.ShowLegend(Edge.Right);
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>Share of customers and share of sales per segment, side by side.</summary>
    public static string SegmentSizes(SalesInsightsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = NewPlot("Share of customers and of sales per segment", null, "percent");
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < result.Segments.Count; i++)
        {
            var s = result.Segments[i];
            bars.Add(new Bar { Position = (i * 3) + 0, Value = s.ShareOfCustomers * 100, FillColor = Color.FromHex("#56B4E9") });
            bars.Add(new Bar { Position = (i * 3) + 1, Value = s.ShareOfSales * 100, FillColor = Color.FromHex("#0072B2") });
            ticks.Add(new Tick((i * 3) + 0.5, $"Segment {s.Number}"));
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "customers", FillColor = Color.FromHex("#56B4E9") });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "sales", FillColor = Color.FromHex("#0072B2") });
        plot.ShowLegend(Edge.Right);
        plot.Axes.Margins(bottom: 0);
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>Average discount and profit margin per segment.</summary>
    public static string SegmentDiscountAndProfit(SalesInsightsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = NewPlot("Average discount and profit margin per segment", null, "percent");
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < result.Segments.Count; i++)
        {
            var s = result.Segments[i];
            bars.Add(new Bar { Position = (i * 3) + 0, Value = s.AverageDiscount * 100, FillColor = Color.FromHex("#E69F00") });
            bars.Add(new Bar { Position = (i * 3) + 1, Value = (s.ProfitMargin ?? 0) * 100, FillColor = Color.FromHex("#009E73") });
            ticks.Add(new Tick((i * 3) + 0.5, $"Segment {s.Number}"));
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "discount", FillColor = Color.FromHex("#E69F00") });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "profit margin", FillColor = Color.FromHex("#009E73") });
        plot.ShowLegend(Edge.Right);
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>How well each number of segments fits (silhouette); the chosen count is the highest.</summary>
    public static string SegmentCountFit(SalesInsightsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = NewPlot("How clearly customers split into N segments (higher is clearer)", "number of segments", "silhouette");
        var scatter = plot.Add.Scatter(result.SegmentCounts.Select(c => (double)c.Segments).ToArray(), result.SegmentCounts.Select(c => c.SilhouetteScore).ToArray());
        scatter.Color = Color.FromHex("#0072B2");
        scatter.MarkerSize = 6;
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>Discount against profit margin of the unusual order lines.</summary>
    public static string UnusualOrders(SalesInsightsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = NewPlot("Unusual order lines: discount and profit", "discount (%)", "profit as % of the sale");
        var points = result.UnusualOrders.Where(o => o.Profit is not null && o.Sales != 0).ToArray();
        var scatter = plot.Add.ScatterPoints(
            points.Select(o => o.Discount * 100).ToArray(),
            points.Select(o => Math.Clamp(o.Profit!.Value / Math.Abs(o.Sales), -3, 3) * 100).ToArray());
        scatter.Color = Color.FromHex("#D55E00");
        scatter.MarkerSize = 7;
        return plot.GetSvgXml(Width, Height);
    }

    private static MarkerShape Shape(int segment) => ((segment - 1) / Palette.Length) switch
    {
        0 => MarkerShape.FilledCircle,
        1 => MarkerShape.FilledSquare,
        _ => MarkerShape.FilledTriangleUp,
    };

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
