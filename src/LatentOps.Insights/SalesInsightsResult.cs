using LatentOps.Insights.Columns;
using LatentOps.Insights.Customers;
using LatentOps.Insights.Products;
using LatentOps.Insights.Segments;
using LatentOps.Insights.UnusualOrders;

namespace LatentOps.Insights;

/// <summary>Everything a sales insights run found, with the settings it used. Serialises to JSON with <c>LatentOpsJson</c>.</summary>
public sealed record SalesInsightsResult
{
    /// <summary>The file (or name) analysed.</summary>
    public required string Source { get; init; }

    /// <summary>When the analysis finished (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The settings used.</summary>
    public required SalesInsightsSettings Settings { get; init; }

    /// <summary>Which column was used for what.</summary>
    public required SalesColumns Columns { get; init; }

    /// <summary>What the export holds.</summary>
    public required SalesSummary Summary { get; init; }

    /// <summary>How the customer embeddings were learned.</summary>
    public required CustomerModelSummary CustomerModel { get; init; }

    /// <summary>
    /// Effective rank (RankMe) of the customer embeddings: how many directions the customers really
    /// spread along, between 1 (collapsed) and the embedding width (higher is richer).
    /// </summary>
    public required double CustomerEmbeddingRankScore { get; init; }

    /// <summary>Every segment count tried with its silhouette.</summary>
    public required IReadOnlyList<SegmentCountScore> SegmentCounts { get; init; }

    /// <summary>The segments, largest first.</summary>
    public required IReadOnlyList<CustomerSegment> Segments { get; init; }

    /// <summary>Every customer on a 2-D map, with its segment.</summary>
    public required IReadOnlyList<CustomerPoint> CustomerMap { get; init; }

    /// <summary>How the product embeddings were learned and checked.</summary>
    public required ProductModelSummary ProductModel { get; init; }

    /// <summary>Every product with the products bought by similar customers, best-selling first.</summary>
    public required IReadOnlyList<ProductInsight> Products { get; init; }

    /// <summary>The most unusual order lines, most unusual first.</summary>
    public required IReadOnlyList<UnusualOrder> UnusualOrders { get; init; }

    /// <summary>Wall-clock time of the whole analysis, including reading.</summary>
    public required double TotalSeconds { get; init; }

    /// <summary>The product with this ID, or null.</summary>
    public ProductInsight? FindProduct(string productId) => Products.FirstOrDefault(p => string.Equals(p.ProductId, productId, StringComparison.Ordinal));
}
