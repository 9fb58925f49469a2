namespace LatentOps.Insights.Products;

/// <summary>A product bought by customers similar to those of another product.</summary>
/// <param name="ProductId">The similar product.</param>
/// <param name="Name">Its readable name.</param>
/// <param name="SubCategory">Its sub-category, if known.</param>
/// <param name="SimilarityScore">Cosine similarity of the two product embeddings, in [-1, 1] (higher is more similar).</param>
/// <param name="SharedBuyers">Customers who bought both.</param>
/// <param name="Reason">Why, in plain words.</param>
public sealed record SimilarProduct(string ProductId, string Name, string? SubCategory, double SimilarityScore, int SharedBuyers, string Reason);
