using System.Globalization;
using LatentOps.Insights.Analysis;
using LatentOps.Insights.Columns;

namespace LatentOps.Insights.UnusualOrders;

/// <summary>
/// Scores every order line with an isolation forest on features a shop owner would check (discount,
/// profit margin, size of the sale, quantity and unit price compared with the same product or
/// sub-category), then explains the most unusual lines by the features furthest from typical.
/// </summary>
internal static class UnusualOrderFinder
{
    /// <summary>A feature is given as a reason when it is at least this many robust deviations (MAD-scaled) from typical.</summary>
    public const double ReasonThreshold = 3.0;

    // A loss and a big discount are what an owner looks at first, so they lead the reasons.
    private const double LossOrDiscount = 1000;

    public static IReadOnlyList<UnusualOrder> Find(SalesLines lines, SalesInsightsOptions options, CancellationToken cancellationToken)
    {
        var n = lines.Count;
        // The price before discount, so a big discount is reported as a discount, not also as a low price.
        var unitPrice = Enumerable.Range(0, n).Select(i => lines.Sales[i] / Math.Max(lines.Quantity[i], 1e-9) / Math.Max(1 - lines.Discount[i], 0.01)).ToArray();
        var margin = Enumerable.Range(0, n).Select(i => lines.HasProfit ? Math.Clamp(lines.Profit[i] / Math.Max(Math.Abs(lines.Sales[i]), 1e-9), -3, 3) : 0).ToArray();
        var logSales = lines.Sales.Select(s => Math.Log(1 + Math.Max(s, 0))).ToArray();

        // Typical quantity and unit price: the product's own median when it has 3+ lines, else its group's.
        var group = Enumerable.Range(0, n).Select(i => lines.SubCategory[i] ?? lines.Category[i] ?? "(all)").ToArray();
        var (typicalQuantity, quantityFromProduct) = Typical(lines.Product, group, lines.Quantity);
        var (typicalPrice, priceFromProduct) = Typical(lines.Product, group, unitPrice);
        var quantityRatio = Enumerable.Range(0, n).Select(i => Math.Log(Math.Max(lines.Quantity[i], 1e-9) / Math.Max(typicalQuantity[i], 1e-9))).ToArray();
        var priceRatio = Enumerable.Range(0, n).Select(i => Math.Log(Math.Max(unitPrice[i], 1e-9) / Math.Max(typicalPrice[i], 1e-9))).ToArray();

        var features = new List<double[]> { logSales, quantityRatio, priceRatio };
        if (lines.HasDiscount)
        {
            features.Add(lines.Discount);
        }

        if (lines.HasProfit)
        {
            features.Add(margin);
        }

        var points = Enumerable.Range(0, n).Select(i => features.Select(f => f[i]).ToArray()).ToArray();
        cancellationToken.ThrowIfCancellationRequested();
        var scores = IsolationForest.Score(points, options.IsolationTrees, options.Seed);
        cancellationToken.ThrowIfCancellationRequested();

        var salesStats = Robust(logSales);
        var discountStats = Robust(lines.Discount);
        var marginStats = Robust(margin);
        var quantityStats = Robust(quantityRatio);
        var priceStats = Robust(priceRatio);
        var medianDiscount = Median(lines.Discount);
        var highDiscount = Math.Max(0.4, Quantile(lines.Discount, 0.95));
        var medianMargin = Median(margin);
        var salesPercentile = Percentiles(lines.Sales);

        var chosen = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(options.UnusualOrders).ToArray();
        var result = new List<UnusualOrder>(chosen.Length);
        foreach (var i in chosen)
        {
            var reasons = new List<(double Strength, string Text)>();
            if (lines.HasDiscount && lines.Discount[i] >= highDiscount && lines.Discount[i] > medianDiscount)
            {
                reasons.Add((LossOrDiscount - 1, Format($"{Article(lines.Discount[i])} {lines.Discount[i]:0%} discount, where the usual discount is {medianDiscount:0%}")));
            }

            if (lines.HasProfit && Z(margin[i], marginStats) is var mz && Math.Abs(mz) >= ReasonThreshold)
            {
                reasons.Add((lines.Profit[i] < 0 ? LossOrDiscount : Math.Abs(mz), lines.Profit[i] < 0
                    ? Format($"Sold at a loss of {-lines.Profit[i]:$#,##0} ({-margin[i]:0%} of the sale), where lines usually make {medianMargin:0%} profit")
                    : Format($"Unusually high profit: {lines.Profit[i]:$#,##0} ({margin[i]:0%} of the sale), where lines usually make {medianMargin:0%}")));
            }

            if (Z(quantityRatio[i], quantityStats) is var qz && Math.Abs(qz) >= ReasonThreshold)
            {
                reasons.Add((Math.Abs(qz), Format($"{lines.Quantity[i]:0.##} units, where {Describe(lines, i, quantityFromProduct[i])} usually {(quantityFromProduct[i] ? "sells" : "sell")} {typicalQuantity[i]:0.##} at a time")));
            }

            if (Z(priceRatio[i], priceStats) is var pz && Math.Abs(pz) >= ReasonThreshold)
            {
                reasons.Add((Math.Abs(pz), Format($"A unit price of {unitPrice[i]:$#,##0.00} before discount, where {Describe(lines, i, priceFromProduct[i])} usually {(priceFromProduct[i] ? "sells" : "sell")} at {typicalPrice[i]:$#,##0.00}")));
            }

            if (Z(logSales[i], salesStats) is var sz && Math.Abs(sz) >= ReasonThreshold)
            {
                var below = salesPercentile(lines.Sales[i]);
                var larger = (int)Math.Round((1 - below) * n);
                reasons.Add((Math.Abs(sz), sz > 0
                    ? larger <= 1 ? Format($"The largest sale in the file: {lines.Sales[i]:$#,##0}")
                        : larger <= 20 ? Format($"A very large sale: {lines.Sales[i]:$#,##0}, one of the {larger} largest lines")
                        : Format($"A very large sale: {lines.Sales[i]:$#,##0}, larger than {below:0.#%} of all lines")
                    : Format($"A very small sale: {lines.Sales[i]:$#,##0.00}, smaller than {1 - below:0.#%} of all lines")));
            }

            if (reasons.Count == 0)
            {
                reasons.Add((0, "An uncommon combination of amount, quantity, discount and profit, although no single value is extreme"));
            }

            result.Add(new UnusualOrder(
                lines.Order[i],
                lines.SourceRow[i],
                lines.Date[i],
                lines.Customer[i],
                lines.Product[i],
                lines.ProductName[i] ?? lines.Product[i],
                Math.Round(lines.Sales[i], 2),
                lines.Quantity[i],
                Math.Round(lines.Discount[i], 4),
                lines.HasProfit ? Math.Round(lines.Profit[i], 2) : null,
                Math.Round(scores[i], 4),
                [.. reasons.OrderByDescending(r => r.Strength).Select(r => r.Text + ".")]));
        }

        return result;
    }

    private static string Article(double discount) => ((int)Math.Round(discount * 100)) is 8 or 11 or 18 or (>= 80 and < 90) ? "An" : "A";

    private static string Describe(SalesLines lines, int i, bool fromProduct) => fromProduct
        ? lines.ProductName[i] is { } name ? $"'{Shorten(name)}'" : "this product"
        : lines.SubCategory[i] ?? lines.Category[i] ?? "products";

    private static string Shorten(string name) => name.Length <= 60 ? name : name[..57] + "...";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static (double[] Typical, bool[] FromProduct) Typical(string[] product, string[] group, double[] values)
    {
        var byProduct = Enumerable.Range(0, values.Length).GroupBy(i => product[i], StringComparer.Ordinal)
            .Where(g => g.Count() >= 3).ToDictionary(g => g.Key, g => Median([.. g.Select(i => values[i])]), StringComparer.Ordinal);
        var byGroup = Enumerable.Range(0, values.Length).GroupBy(i => group[i], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Median([.. g.Select(i => values[i])]), StringComparer.Ordinal);
        return ([.. Enumerable.Range(0, values.Length).Select(i => byProduct.TryGetValue(product[i], out var p) ? p : byGroup[group[i]])],
            [.. Enumerable.Range(0, values.Length).Select(i => byProduct.ContainsKey(product[i]))]);
    }

    private static (double Median, double Scale) Robust(double[] values)
    {
        var median = Median(values);
        var mad = Median([.. values.Select(v => Math.Abs(v - median))]) * 1.4826;
        if (mad < 1e-9)
        {
            // Mostly constant (e.g. most lines have no discount): fall back to the standard deviation.
            var mean = values.Average();
            mad = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        }

        return (median, Math.Max(mad, 1e-9));
    }

    private static double Z(double value, (double Median, double Scale) stats) => (value - stats.Median) / stats.Scale;

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }

    private static Func<double, double> Percentiles(double[] values)
    {
        var sorted = values.Order().ToArray();
        return v =>
        {
            var below = Array.BinarySearch(sorted, v);
            if (below < 0)
            {
                below = ~below;
            }

            return (double)below / sorted.Length;
        };
    }
}
