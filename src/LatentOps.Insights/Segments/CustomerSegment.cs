namespace LatentOps.Insights.Segments;

/// <summary>
/// A segment: a group of customers who buy in a similar way (customers close together in the learned
/// customer embedding space, grouped by k-means), with a plain-words description of what sets it apart.
/// </summary>
/// <param name="Number">1-based segment number (1 = the largest).</param>
/// <param name="Name">A short name, e.g. "Segment 2: high discount, low profit".</param>
/// <param name="Description">What sets the segment apart from everyone else, in plain words.</param>
/// <param name="Customers">Customers in the segment.</param>
/// <param name="ShareOfCustomers">Customers in the segment / all customers.</param>
/// <param name="TotalSales">Sales of the segment's customers.</param>
/// <param name="ShareOfSales">The segment's sales / all sales.</param>
/// <param name="AverageSpend">Mean sales per customer.</param>
/// <param name="AverageOrders">Mean number of orders per customer.</param>
/// <param name="AverageDiscount">Mean discount of the segment's order lines, as a fraction.</param>
/// <param name="ProfitMargin">Total profit / total sales of the segment (null without a profit column).</param>
/// <param name="TopCustomerType">The most common customer type, if known.</param>
/// <param name="TopRegion">The most common region, if known.</param>
/// <param name="TopCategory">The category with the most sales, if known.</param>
/// <param name="Traits">The attributes that set the segment apart, strongest first.</param>
/// <param name="ExampleCustomers">A few customers most typical of the segment (closest to its centre).</param>
public sealed record CustomerSegment(
    int Number,
    string Name,
    string Description,
    int Customers,
    double ShareOfCustomers,
    double TotalSales,
    double ShareOfSales,
    double AverageSpend,
    double AverageOrders,
    double AverageDiscount,
    double? ProfitMargin,
    string? TopCustomerType,
    string? TopRegion,
    string? TopCategory,
    IReadOnlyList<SegmentTrait> Traits,
    IReadOnlyList<string> ExampleCustomers);
