using System.Globalization;
using LatentOps.Reports.Html;

namespace LatentOps.Insights.Reporting;

/// <summary>The HTML report of a sales insights run: segments, products bought by similar customers, unusual orders, and how it was made.</summary>
public static class SalesInsightsReport
{
    /// <summary>Best-selling products listed with their similar products in the report.</summary>
    public const int ProductsShown = 15;

    /// <summary>Builds the report.</summary>
    public static HtmlReport Create(SalesInsightsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Summary;
        var report = new HtmlReport(
            $"Sales insights: {result.Source}",
            string.Create(CultureInfo.InvariantCulture, $"{s.Lines:N0} order lines, {s.Customers:N0} customers, {s.Products:N0} products; analysed {result.CreatedAt:yyyy-MM-dd HH:mm} UTC in {result.TotalSeconds:0.0} s"));
        report.Paragraph(SalesWords.DemoData);
        report.KeyValues(Facts(result));

        report.Heading("Customer segments");
        report.Paragraph(SalesWords.Segment);
        report.Paragraph(SalesWords.HowSegments);
        report.Table(
            "Segments, largest first",
            ["Segment", "What sets it apart", "Customers", "Share of sales", "Average spend", "Average discount", "Profit margin"],
            result.Segments.Select(g => (IReadOnlyList<string>)
            [
                $"Segment {g.Number}",
                g.Description,
                F($"{g.Customers:N0} ({g.ShareOfCustomers:0%})"),
                F($"{g.ShareOfSales:0%}"),
                Money(g.AverageSpend),
                F($"{g.AverageDiscount:0%}"),
                g.ProfitMargin is { } m ? F($"{m:0%}") : "not in the file",
            ]));
        report.Chart(SalesCharts.SegmentSizes(result), "Bars per segment: its share of all customers and its share of all sales.");
        report.Chart(SalesCharts.SegmentDiscountAndProfit(result), "Bars per segment: average discount and profit margin.");
        report.Chart(SalesCharts.CustomerMap(result), "Every customer as a dot, coloured by segment; customers who buy alike are close together.");
        foreach (var g in result.Segments)
        {
            report.Heading(g.Name, 3);
            report.Paragraph(g.Description);
            if (g.Traits.Count > 0)
            {
                report.Table(
                    $"What sets segment {g.Number} apart",
                    ["Attribute", "In this segment", "All customers"],
                    g.Traits.Select(t => (IReadOnlyList<string>)[t.Attribute, t.SegmentValue, t.OverallValue]));
            }

            report.Paragraph($"Typical customers: {string.Join(", ", g.ExampleCustomers)}.");
        }

        report.Heading("Products bought by similar customers");
        report.Paragraph(SalesWords.SimilarProducts);
        foreach (var product in result.Products.Take(ProductsShown))
        {
            report.Table(
                F($"{product.Name} ({product.ProductId}; {product.Buyers} buyers, {Money(product.Sales)} sales)"),
                ["Bought by similar customers", "Why"],
                product.Similar.Select(p => (IReadOnlyList<string>)[$"{p.Name} ({p.ProductId})", p.Reason]));
        }

        report.Heading("Unusual orders");
        report.Paragraph(SalesWords.UnusualOrders);
        report.Table(
            "Most unusual order lines first",
            ["Order", "Date", "Customer", "Product", "Sales", "Units", "Discount", "Profit", "Why it stands out"],
            result.UnusualOrders.Select(o => (IReadOnlyList<string>)
            [
                o.OrderId,
                o.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
                o.CustomerId,
                o.ProductName,
                Money(o.Sales),
                o.Quantity.ToString("0.##", CultureInfo.InvariantCulture),
                F($"{o.Discount:0%}"),
                o.Profit is { } p ? Money(p) : string.Empty,
                string.Join(" ", o.Reasons),
            ]));
        if (result.UnusualOrders.Any(o => o.Profit is not null))
        {
            report.Chart(SalesCharts.UnusualOrders(result), "Each unusual order line as a dot: its discount across, its profit as a share of the sale up.");
        }

        report.Heading("How this was made");
        report.Paragraph(F($"Customers: {result.CustomerModel.Method}, {result.CustomerModel.Features} features per customer, {result.CustomerModel.Epochs} passes in {result.CustomerModel.Seconds:0.0} s; the customer summaries spread along {result.CustomerEmbeddingRankScore:0.0} of {result.Settings.EmbeddingDimension} directions (effective rank)."));
        report.Paragraph(F($"Segments: k-means on the customer embeddings, {result.Settings.MinSegments} to {result.Settings.MaxSegments} segments tried, the clearest split kept (silhouette, higher is clearer)."));
        report.Chart(SalesCharts.SegmentCountFit(result), "Silhouette for each number of segments tried.");
        var pm = result.ProductModel;
        report.Paragraph(F($"Products: {pm.Method}; {pm.Purchases:N0} purchases, {pm.Epochs} passes, {pm.Seconds:0.0} s. Check: with one purchase per customer hidden, the hidden product was in the model's top 10% for {pm.HeldOutHitRateScore:0%} of customers (ranking by popularity: {pm.PopularityHitRateScore:0%}; guessing: 10%)."));
        report.Paragraph(F($"Unusual orders: isolation forest with {result.Settings.IsolationTrees} trees on discount, profit margin, sale size, and quantity and unit price compared with the same product. Seed {result.Settings.Seed}."));
        return report;
    }

    private static IEnumerable<KeyValuePair<string, string>> Facts(SalesInsightsResult result)
    {
        var s = result.Summary;
        yield return new("Order lines", F($"{s.Lines:N0}") + (s.SkippedRows > 0 ? F($" ({s.SkippedRows:N0} rows skipped: no order, customer, product or amount)") : string.Empty));
        yield return new("Orders", F($"{s.Orders:N0}"));
        yield return new("Customers", F($"{s.Customers:N0}"));
        yield return new("Products", F($"{s.Products:N0}"));
        yield return new("Total sales", Money(s.TotalSales));
        if (s.TotalProfit is { } profit)
        {
            yield return new("Total profit", Money(profit));
        }

        if (s.FirstOrder is { } first && s.LastOrder is { } last)
        {
            yield return new("Orders from", F($"{first:yyyy-MM-dd} to {last:yyyy-MM-dd}"));
        }

        yield return new("Segments found", F($"{result.Segments.Count}"));
    }

    private static string Money(double value) => value.ToString("$#,##0;-$#,##0", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
