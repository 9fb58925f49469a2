using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Insights.Columns;

/// <summary>
/// The usable lines of a sales export in plain arrays: one entry per order line, IDs as text,
/// amounts as numbers. Lines without an order, customer, product or sales amount are skipped (counted).
/// </summary>
internal sealed class SalesLines
{
    private SalesLines(int count)
    {
        Order = new string[count];
        Customer = new string[count];
        Product = new string[count];
        Sales = new double[count];
        Quantity = new double[count];
        Discount = new double[count];
        Profit = new double[count];
        Date = new DateTime?[count];
        CustomerType = new string?[count];
        Region = new string?[count];
        Category = new string?[count];
        SubCategory = new string?[count];
        ProductName = new string?[count];
        SourceRow = new int[count];
    }

    public int Count => Order.Length;

    public string[] Order { get; }

    public string[] Customer { get; }

    public string[] Product { get; }

    public double[] Sales { get; }

    /// <summary>Units (1 when the export has no quantity).</summary>
    public double[] Quantity { get; }

    /// <summary>Discount as a fraction in [0, 1] (0 when the export has none).</summary>
    public double[] Discount { get; }

    /// <summary>Profit (NaN when the export has none).</summary>
    public double[] Profit { get; }

    public DateTime?[] Date { get; }

    public string?[] CustomerType { get; }

    public string?[] Region { get; }

    public string?[] Category { get; }

    public string?[] SubCategory { get; }

    public string?[] ProductName { get; }

    /// <summary>The 1-based data row of each line in the export (header not counted).</summary>
    public int[] SourceRow { get; }

    public bool HasQuantity { get; private set; }

    public bool HasDiscount { get; private set; }

    public bool HasProfit { get; private set; }

    public bool HasDate { get; private set; }

    public int SkippedRows { get; private set; }

    public static SalesLines From(Table table, SalesColumns columns, string source)
    {
        var order = Strings(table, columns.OrderId);
        var customer = Strings(table, columns.CustomerId);
        var product = Strings(table, columns.ProductId);
        var quantity = columns.Quantity is null ? null : Numbers(table, columns.Quantity, source);
        double[] sales;
        if (columns.Sales is not null)
        {
            sales = Numbers(table, columns.Sales, source);
        }
        else
        {
            var price = Numbers(table, columns.UnitPrice!, source);
            sales = [.. price.Select((p, i) => p * quantity![i])];
        }

        var discount = columns.Discount is null ? null : Numbers(table, columns.Discount, source);
        if (discount is not null && discount.Any(d => d > 1))
        {
            // Percentages (20 = 20%).
            for (var i = 0; i < discount.Length; i++)
            {
                discount[i] /= 100;
            }
        }

        var profit = columns.Profit is null ? null : Numbers(table, columns.Profit, source);
        var date = columns.OrderDate is null ? null : Dates(table, columns.OrderDate, source);
        var customerType = columns.CustomerType is null ? null : Strings(table, columns.CustomerType);
        var region = columns.Region is null ? null : Strings(table, columns.Region);
        var category = columns.Category is null ? null : Strings(table, columns.Category);
        var subCategory = columns.SubCategory is null ? null : Strings(table, columns.SubCategory);
        var productName = columns.ProductName is null ? null : Strings(table, columns.ProductName);

        var keep = new List<int>(table.RowCount);
        for (var r = 0; r < table.RowCount; r++)
        {
            if (order[r] is not null && customer[r] is not null && product[r] is not null && double.IsFinite(sales[r]))
            {
                keep.Add(r);
            }
        }

        var lines = new SalesLines(keep.Count)
        {
            HasQuantity = quantity is not null,
            HasDiscount = discount is not null,
            HasProfit = profit is not null,
            HasDate = date is not null,
            SkippedRows = table.RowCount - keep.Count,
        };
        for (var i = 0; i < keep.Count; i++)
        {
            var r = keep[i];
            lines.SourceRow[i] = r + 1;
            lines.Order[i] = order[r]!;
            lines.Customer[i] = customer[r]!;
            lines.Product[i] = product[r]!;
            lines.Sales[i] = sales[r];
            lines.Quantity[i] = quantity is null || !double.IsFinite(quantity[r]) ? 1 : quantity[r];
            lines.Discount[i] = discount is null || !double.IsFinite(discount[r]) ? 0 : Math.Clamp(discount[r], 0, 1);
            lines.Profit[i] = profit is null ? double.NaN : profit[r];
            lines.Date[i] = date?[r];
            lines.CustomerType[i] = customerType?[r];
            lines.Region[i] = region?[r];
            lines.Category[i] = category?[r];
            lines.SubCategory[i] = subCategory?[r];
            lines.ProductName[i] = productName?[r];
        }

        return lines;
    }

    private static string?[] Strings(Table table, string name)
    {
        var column = table[name];
        var values = new string?[column.Length];
        switch (column)
        {
            case StringColumn s:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = string.IsNullOrWhiteSpace(s[i]) ? null : s[i]!.Trim();
                }

                break;
            case NumericColumn n:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = double.IsNaN(n[i]) ? null : n[i].ToString("R", CultureInfo.InvariantCulture);
                }

                break;
            case DateTimeColumn d:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = d[i]?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }

                break;
            default:
                throw new ArgumentException($"Unsupported column class {column.GetType().Name}.", nameof(name));
        }

        return values;
    }

    private static double[] Numbers(Table table, string name, string source)
    {
        var column = table[name];
        if (column is NumericColumn numeric)
        {
            return numeric.Values.ToArray();
        }

        if (column is not StringColumn text)
        {
            throw LatentOpsException.InvalidInput($"Column '{name}' in {source} must hold numbers; it holds dates.");
        }

        // Money written as text ("$1,234.50", "1 234,50 €" is not guessed: only symbols and thousands commas are removed).
        var values = new double[text.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var cell = text[i];
            if (string.IsNullOrWhiteSpace(cell))
            {
                values[i] = double.NaN;
                continue;
            }

            var cleaned = cell.Trim().Replace("$", string.Empty, StringComparison.Ordinal).Replace("€", string.Empty, StringComparison.Ordinal)
                .Replace("£", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Replace("%", string.Empty, StringComparison.Ordinal).Trim();
            if (!double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                throw LatentOpsException.InvalidInput($"Column '{name}' in {source}, row {i + 1}: '{cell}' is not a number. The {name} column must hold amounts such as 12.5 or $1,234.50.");
            }
        }

        return values;
    }

    private static DateTime?[] Dates(Table table, string name, string source)
    {
        var column = table[name];
        if (column is DateTimeColumn dates)
        {
            return dates.Values.ToArray();
        }

        var values = new DateTime?[column.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var cell = column.GetValue(i);
            if (cell is null)
            {
                continue;
            }

            var textValue = Convert.ToString(cell, CultureInfo.InvariantCulture)!;
            if (!DateTime.TryParse(textValue, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw LatentOpsException.InvalidInput($"Column '{name}' in {source}, row {i + 1}: '{textValue}' is not a date. Write dates like 2016-11-08.");
            }

            values[i] = parsed;
        }

        return values;
    }
}
