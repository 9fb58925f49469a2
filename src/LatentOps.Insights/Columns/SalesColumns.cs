namespace LatentOps.Insights.Columns;

/// <summary>Which column of the export holds which <see cref="SalesField"/> (null when the export has none).</summary>
/// <param name="OrderId">The order column.</param>
/// <param name="CustomerId">The customer column.</param>
/// <param name="ProductId">The product column.</param>
/// <param name="Sales">The sales (money) column, or null when sales are computed as unit price x quantity.</param>
/// <param name="UnitPrice">The unit price column.</param>
/// <param name="Quantity">The quantity column.</param>
/// <param name="Discount">The discount column.</param>
/// <param name="Profit">The profit column.</param>
/// <param name="OrderDate">The order date column.</param>
/// <param name="CustomerType">The customer type (segment) column.</param>
/// <param name="Region">The region column.</param>
/// <param name="Category">The product category column.</param>
/// <param name="SubCategory">The product sub-category column.</param>
/// <param name="ProductName">The product name column.</param>
public sealed record SalesColumns(
    string OrderId,
    string CustomerId,
    string ProductId,
    string? Sales,
    string? UnitPrice,
    string? Quantity,
    string? Discount,
    string? Profit,
    string? OrderDate,
    string? CustomerType,
    string? Region,
    string? Category,
    string? SubCategory,
    string? ProductName)
{
    /// <summary>The column found for <paramref name="field"/>, or null.</summary>
    public string? For(SalesField field) => field switch
    {
        SalesField.OrderId => OrderId,
        SalesField.CustomerId => CustomerId,
        SalesField.ProductId => ProductId,
        SalesField.Sales => Sales,
        SalesField.UnitPrice => UnitPrice,
        SalesField.Quantity => Quantity,
        SalesField.Discount => Discount,
        SalesField.Profit => Profit,
        SalesField.OrderDate => OrderDate,
        SalesField.CustomerType => CustomerType,
        SalesField.Region => Region,
        SalesField.Category => Category,
        SalesField.SubCategory => SubCategory,
        SalesField.ProductName => ProductName,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
