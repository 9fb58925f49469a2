using LatentOps.Core.Tables;
using LatentOps.Insights.Columns;

namespace LatentOps.Insights.Customers;

/// <summary>
/// One row per customer, aggregated from the order lines: how much and how often they buy, at what
/// discount and margin, how recently, what mix of categories, and their usual customer type and region.
/// These are the encoder's inputs and the vocabulary of the plain-words segment descriptions.
/// </summary>
internal sealed class CustomerProfiles
{
    /// <summary>Categories beyond this many (by sales) are pooled as "other".</summary>
    public const int MaxCategories = 8;

    private CustomerProfiles(string[] ids, int[] lineCustomer)
    {
        Ids = ids;
        LineCustomer = lineCustomer;
    }

    public string[] Ids { get; }

    public int Count => Ids.Length;

    /// <summary>The customer index of every order line.</summary>
    public int[] LineCustomer { get; }

    public double[] Spend { get; private init; } = [];

    public double[] Orders { get; private init; } = [];

    public double[] AverageOrderValue { get; private init; } = [];

    public double[] ItemsPerOrder { get; private init; } = [];

    public double[] AverageDiscount { get; private init; } = [];

    /// <summary>Profit / sales (NaN without a profit column).</summary>
    public double[] ProfitMargin { get; private init; } = [];

    public double[] Profit { get; private init; } = [];

    /// <summary>Days between the customer's last order and the last order in the file (NaN without dates).</summary>
    public double[] DaysSinceLastOrder { get; private init; } = [];

    public string[] CategoryNames { get; private init; } = [];

    /// <summary>Share of the customer's spend per category, [customer][category].</summary>
    public double[][] CategoryShare { get; private init; } = [];

    public string?[] CustomerType { get; private init; } = [];

    public string?[] Region { get; private init; } = [];

    public bool HasProfit { get; private init; }

    public bool HasDate { get; private init; }

    public static CustomerProfiles From(SalesLines lines)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineCustomer = new int[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (!index.TryGetValue(lines.Customer[i], out var c))
            {
                c = index.Count;
                index.Add(lines.Customer[i], c);
            }

            lineCustomer[i] = c;
        }

        var n = index.Count;
        var ids = new string[n];
        foreach (var (id, c) in index)
        {
            ids[c] = id;
        }

        // Categories by total sales; the rest pooled.
        var categoryTotals = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines.Category[i] is { } cat)
            {
                categoryTotals[cat] = categoryTotals.GetValueOrDefault(cat) + Math.Max(lines.Sales[i], 0);
            }
        }

        var categories = categoryTotals.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(MaxCategories).Select(p => p.Key).ToArray();
        var categoryIndex = categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);

        var spend = new double[n];
        var profit = new double[n];
        var lineCount = new double[n];
        var discountSum = new double[n];
        var orderSets = new HashSet<string>[n];
        var lastDate = new DateTime?[n];
        var categorySpend = new double[n][];
        var types = new Dictionary<string, int>[n];
        var regions = new Dictionary<string, int>[n];
        for (var c = 0; c < n; c++)
        {
            orderSets[c] = new HashSet<string>(StringComparer.Ordinal);
            categorySpend[c] = new double[categories.Length];
            types[c] = new Dictionary<string, int>(StringComparer.Ordinal);
            regions[c] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        DateTime? fileLast = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var c = lineCustomer[i];
            spend[c] += lines.Sales[i];
            profit[c] += double.IsNaN(lines.Profit[i]) ? 0 : lines.Profit[i];
            lineCount[c]++;
            discountSum[c] += lines.Discount[i];
            orderSets[c].Add(lines.Order[i]);
            if (lines.Date[i] is { } d)
            {
                lastDate[c] = lastDate[c] is { } l && l >= d ? l : d;
                fileLast = fileLast is { } f && f >= d ? f : d;
            }

            if (lines.Category[i] is { } cat && categoryIndex.TryGetValue(cat, out var k))
            {
                categorySpend[c][k] += Math.Max(lines.Sales[i], 0);
            }

            if (lines.CustomerType[i] is { } t)
            {
                types[c][t] = types[c].GetValueOrDefault(t) + 1;
            }

            if (lines.Region[i] is { } r)
            {
                regions[c][r] = regions[c].GetValueOrDefault(r) + 1;
            }
        }

        var orders = orderSets.Select(s => (double)s.Count).ToArray();
        return new CustomerProfiles(ids, lineCustomer)
        {
            Spend = spend,
            Profit = profit,
            Orders = orders,
            AverageOrderValue = [.. spend.Select((s, c) => s / orders[c])],
            ItemsPerOrder = [.. lineCount.Select((l, c) => l / orders[c])],
            AverageDiscount = [.. discountSum.Select((d, c) => d / lineCount[c])],
            ProfitMargin = [.. spend.Select((s, c) => lines.HasProfit ? Math.Clamp(profit[c] / Math.Max(Math.Abs(s), 1e-9), -1, 1) : double.NaN)],
            DaysSinceLastOrder = [.. lastDate.Select(d => d is { } v && fileLast is { } f ? (f - v).TotalDays : double.NaN)],
            CategoryNames = categories,
            CategoryShare = [.. categorySpend.Select(row =>
            {
                var total = row.Sum();
                return total > 0 ? row.Select(v => v / total).ToArray() : new double[row.Length];
            })],
            CustomerType = [.. types.Select(Mode)],
            Region = [.. regions.Select(Mode)],
            HasProfit = lines.HasProfit,
            HasDate = lines.HasDate && fileLast is not null,
        };
    }

    /// <summary>The encoder's input table: numbers on comparable scales (logs of money and counts) and the two categories.</summary>
    public Table ToFeatureTable()
    {
        var columns = new List<Column>
        {
            new NumericColumn("spend_log", [.. Spend.Select(v => Math.Log(1 + Math.Max(v, 0)))]),
            new NumericColumn("orders_log", [.. Orders.Select(v => Math.Log(1 + v))]),
            new NumericColumn("order_value_log", [.. AverageOrderValue.Select(v => Math.Log(1 + Math.Max(v, 0)))]),
            new NumericColumn("items_per_order", [.. ItemsPerOrder]),
            new NumericColumn("discount", [.. AverageDiscount]),
        };
        if (HasProfit)
        {
            columns.Add(new NumericColumn("profit_margin", [.. ProfitMargin]));
        }

        if (HasDate)
        {
            columns.Add(new NumericColumn("days_since_last_order", [.. DaysSinceLastOrder]));
        }

        for (var k = 0; k < CategoryNames.Length; k++)
        {
            var kk = k;
            columns.Add(new NumericColumn($"share_{k}", [.. CategoryShare.Select(row => row[kk])]));
        }

        if (CustomerType.Any(t => t is not null))
        {
            columns.Add(new StringColumn("customer_type", [.. CustomerType]));
        }

        if (Region.Any(r => r is not null))
        {
            columns.Add(new StringColumn("region", [.. Region]));
        }

        return new Table(columns);
    }

    private static string? Mode(Dictionary<string, int> counts) =>
        counts.Count == 0 ? null : counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
}
