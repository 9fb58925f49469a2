namespace LatentOps.Insights.Columns;

/// <summary>A piece of information the sales insights look for in an export, whatever the column is called.</summary>
public enum SalesField
{
    /// <summary>The order (invoice, transaction) a line belongs to. Required.</summary>
    OrderId,

    /// <summary>Who bought. Required.</summary>
    CustomerId,

    /// <summary>What was bought. Required.</summary>
    ProductId,

    /// <summary>The money of the line. Required, unless unit price and quantity are both present.</summary>
    Sales,

    /// <summary>The price of one unit (used for the money of the line when there is no sales column).</summary>
    UnitPrice,

    /// <summary>Units bought.</summary>
    Quantity,

    /// <summary>Discount as a fraction (0.2) or a percentage (20).</summary>
    Discount,

    /// <summary>Profit of the line (negative for a loss).</summary>
    Profit,

    /// <summary>When the order was placed.</summary>
    OrderDate,

    /// <summary>The kind of customer (e.g. Consumer, Corporate).</summary>
    CustomerType,

    /// <summary>The region (or market) of the order.</summary>
    Region,

    /// <summary>The product's category.</summary>
    Category,

    /// <summary>The product's sub-category.</summary>
    SubCategory,

    /// <summary>The product's readable name.</summary>
    ProductName,
}
