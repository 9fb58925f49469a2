namespace LatentOps.Insights.Products;

/// <summary>How the product embeddings were learned, and how well they predict purchases.</summary>
/// <param name="Method">The model.</param>
/// <param name="Purchases">Distinct (customer, product) purchases trained on.</param>
/// <param name="Epochs">Passes over the purchases.</param>
/// <param name="FinalLoss">Binary cross-entropy of the last pass (lower is better).</param>
/// <param name="HeldOutHitRateScore">
/// Share of held-out purchases (one per customer with 3 or more products, hidden during a check fit) whose product ranks in the
/// customer's top 10 % of products by the model (higher is better; guessing gives 0.10).
/// </param>
/// <param name="PopularityHitRateScore">The same share when products are ranked by how many customers bought them (the baseline).</param>
/// <param name="Seconds">Training time, including the check fit.</param>
public sealed record ProductModelSummary(string Method, int Purchases, int Epochs, double FinalLoss, double HeldOutHitRateScore, double PopularityHitRateScore, double Seconds);
