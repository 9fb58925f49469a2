using System.Text;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Insights.Columns;

/// <summary>
/// Finds the columns of a sales export by name. Names are compared ignoring case, spaces and
/// punctuation ("Order ID", "order_id" and "OrderID" are the same), against a list of accepted names
/// per <see cref="SalesField"/>; the first accepted name present wins.
/// </summary>
public static class SalesColumnDetector
{
    /// <summary>The names accepted for each field, in order of preference.</summary>
    public static IReadOnlyDictionary<SalesField, IReadOnlyList<string>> AcceptedNames { get; } = new Dictionary<SalesField, IReadOnlyList<string>>
    {
        [SalesField.OrderId] = ["Order ID", "Order", "Order Number", "Order No", "Invoice", "Invoice No", "Invoice Number", "Invoice ID", "Transaction ID", "Receipt ID"],
        [SalesField.CustomerId] = ["Customer ID", "Customer", "Customer Number", "Client ID", "Client", "Buyer ID", "Account ID", "Customer Name"],
        [SalesField.ProductId] = ["Product ID", "Product", "SKU", "Stock Code", "Item ID", "Item", "Product Code", "Article"],
        [SalesField.Sales] = ["Sales", "Revenue", "Sales Amount", "Amount", "Line Total", "Total", "Net Sales", "Turnover", "Value"],
        [SalesField.UnitPrice] = ["Unit Price", "Price", "Price Each", "Item Price"],
        [SalesField.Quantity] = ["Quantity", "Qty", "Units", "Quantity Ordered", "Count"],
        [SalesField.Discount] = ["Discount", "Discount Rate", "Discount Percent", "Disc"],
        [SalesField.Profit] = ["Profit", "Gross Profit", "Net Profit", "Margin", "Profit Amount"],
        [SalesField.OrderDate] = ["Order Date", "Date", "Invoice Date", "Transaction Date", "Purchase Date", "Created At"],
        [SalesField.CustomerType] = ["Segment", "Customer Segment", "Customer Type", "Customer Group", "Channel"],
        [SalesField.Region] = ["Region", "Market", "Area", "Territory", "Country"],
        [SalesField.Category] = ["Category", "Product Category", "Department", "Product Line"],
        [SalesField.SubCategory] = ["Sub-Category", "Subcategory", "Product Subcategory", "Product Type"],
        [SalesField.ProductName] = ["Product Name", "Description", "Item Name", "Product Description", "Title"],
    };

    /// <summary>
    /// Finds the columns of <paramref name="table"/>.
    /// </summary>
    /// <param name="table">The export.</param>
    /// <param name="source">The file name, for messages.</param>
    /// <exception cref="LatentOpsException">
    /// <see cref="ErrorCode.InvalidInput"/> naming the missing fields, the names accepted for each and the columns the file has.
    /// </exception>
    public static SalesColumns Detect(Table table, string source = "the file")
    {
        ArgumentNullException.ThrowIfNull(table);
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            byKey.TryAdd(Key(column.Name), column.Name);
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        string? Find(SalesField field)
        {
            foreach (var name in AcceptedNames[field])
            {
                if (byKey.TryGetValue(Key(name), out var actual) && used.Add(actual))
                {
                    return actual;
                }
            }

            return null;
        }

        // Identity fields first, so "Product" cannot be taken by the product name before the product ID.
        var order = Find(SalesField.OrderId);
        var customer = Find(SalesField.CustomerId);
        var product = Find(SalesField.ProductId);
        var sales = Find(SalesField.Sales);
        var unitPrice = Find(SalesField.UnitPrice);
        var quantity = Find(SalesField.Quantity);

        var missing = new List<SalesField>();
        if (order is null)
        {
            missing.Add(SalesField.OrderId);
        }

        if (customer is null)
        {
            missing.Add(SalesField.CustomerId);
        }

        if (product is null)
        {
            missing.Add(SalesField.ProductId);
        }

        if (sales is null && (unitPrice is null || quantity is null))
        {
            missing.Add(SalesField.Sales);
        }

        if (missing.Count > 0)
        {
            var message = new StringBuilder();
            message.Append("This does not look like a sales export: ").Append(source).Append(" has no column for ")
                .Append(string.Join(", ", missing.Select(Describe))).Append(". Accepted column names: ");
            message.Append(string.Join("; ", missing.Select(f => $"{Describe(f)}: {string.Join(", ", AcceptedNames[f].Select(n => $"'{n}'"))}" +
                (f == SalesField.Sales ? " (or both a unit price and a quantity column)" : string.Empty))));
            message.Append(". Columns in ").Append(source).Append(": ")
                .Append(table.Columns.Count == 0 ? "none" : string.Join(", ", table.Columns.Select(c => $"'{c.Name}'"))).Append('.');
            throw LatentOpsException.InvalidInput(message.ToString());
        }

        return new SalesColumns(
            order!,
            customer!,
            product!,
            sales,
            unitPrice,
            quantity,
            Find(SalesField.Discount),
            Find(SalesField.Profit),
            Find(SalesField.OrderDate),
            Find(SalesField.CustomerType),
            Find(SalesField.Region),
            Find(SalesField.Category),
            Find(SalesField.SubCategory),
            Find(SalesField.ProductName));
    }

    /// <summary>A plain name for a field, as used in messages.</summary>
    public static string Describe(SalesField field) => field switch
    {
        SalesField.OrderId => "order ID",
        SalesField.CustomerId => "customer ID",
        SalesField.ProductId => "product ID",
        SalesField.Sales => "sales amount",
        SalesField.UnitPrice => "unit price",
        SalesField.Quantity => "quantity",
        SalesField.Discount => "discount",
        SalesField.Profit => "profit",
        SalesField.OrderDate => "order date",
        SalesField.CustomerType => "customer type",
        SalesField.Region => "region",
        SalesField.Category => "category",
        SalesField.SubCategory => "sub-category",
        SalesField.ProductName => "product name",
        _ => field.ToString(),
    };

    private static string Key(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
