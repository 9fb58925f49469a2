namespace LatentOps.Insights;

/// <summary>What the export holds.</summary>
/// <param name="Lines">Order lines used.</param>
/// <param name="SkippedRows">Rows left out because they had no order, customer, product or sales amount.</param>
/// <param name="Orders">Distinct orders.</param>
/// <param name="Customers">Distinct customers.</param>
/// <param name="Products">Distinct products.</param>
/// <param name="TotalSales">Sum of sales.</param>
/// <param name="TotalProfit">Sum of profit, when the export has it.</param>
/// <param name="FirstOrder">The earliest order date, when the export has dates.</param>
/// <param name="LastOrder">The latest order date.</param>
public sealed record SalesSummary(int Lines, int SkippedRows, int Orders, int Customers, int Products, double TotalSales, double? TotalProfit, DateTime? FirstOrder, DateTime? LastOrder);
