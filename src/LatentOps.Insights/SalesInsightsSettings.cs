namespace LatentOps.Insights;

/// <summary>The settings a sales insights run used (see <see cref="SalesInsightsOptions"/> for their meaning).</summary>
/// <param name="Seed">The seed.</param>
/// <param name="Threads">LibTorch threads (0 = one per processor).</param>
/// <param name="EmbeddingDimension">The embedding width.</param>
/// <param name="CustomerEpochs">Customer encoder epochs.</param>
/// <param name="ProductEpochs">Product embedding epochs.</param>
/// <param name="MinSegments">The fewest segments tried.</param>
/// <param name="MaxSegments">The most segments tried.</param>
/// <param name="SimilarProducts">Similar products per product.</param>
/// <param name="UnusualOrders">Unusual order lines listed.</param>
/// <param name="IsolationTrees">Isolation forest trees.</param>
public sealed record SalesInsightsSettings(
    int Seed,
    int Threads,
    int EmbeddingDimension,
    int CustomerEpochs,
    int ProductEpochs,
    int MinSegments,
    int MaxSegments,
    int SimilarProducts,
    int UnusualOrders,
    int IsolationTrees);
