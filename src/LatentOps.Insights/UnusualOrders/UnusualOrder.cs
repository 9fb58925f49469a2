namespace LatentOps.Insights.UnusualOrders;

/// <summary>An order line that looks unlike the others, with the reasons in plain words.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Row">The data row in the file (1 = the first row after the header).</param>
/// <param name="Date">The order date, if known.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="ProductId">The product.</param>
/// <param name="ProductName">The product's name.</param>
/// <param name="Sales">Sales of the line.</param>
/// <param name="Quantity">Units.</param>
/// <param name="Discount">Discount as a fraction.</param>
/// <param name="Profit">Profit of the line, if known.</param>
/// <param name="UnusualnessScore">Isolation forest score in (0, 1]: about 0.5 is ordinary, closer to 1 is more unusual (higher is more unusual).</param>
/// <param name="Reasons">What is unusual about it, most striking first.</param>
public sealed record UnusualOrder(
    string OrderId,
    int Row,
    DateTime? Date,
    string CustomerId,
    string ProductId,
    string ProductName,
    double Sales,
    double Quantity,
    double Discount,
    double? Profit,
    double UnusualnessScore,
    IReadOnlyList<string> Reasons);
