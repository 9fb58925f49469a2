namespace LatentOps.Insights.Products;

/// <summary>A product with the products bought by similar customers.</summary>
/// <param name="ProductId">The product.</param>
/// <param name="Name">Its readable name (the ID when the export has none).</param>
/// <param name="Category">Its category, if known.</param>
/// <param name="SubCategory">Its sub-category, if known.</param>
/// <param name="Buyers">Distinct customers who bought it.</param>
/// <param name="Sales">Its total sales.</param>
/// <param name="Similar">Products bought by similar customers, most similar first.</param>
public sealed record ProductInsight(string ProductId, string Name, string? Category, string? SubCategory, int Buyers, double Sales, IReadOnlyList<SimilarProduct> Similar);
