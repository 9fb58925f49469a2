namespace LatentOps.Insights.Reporting;

/// <summary>Plain-words explanations of the few technical terms the sales pages and report use.</summary>
public static class SalesWords
{
    /// <summary>What a segment is.</summary>
    public const string Segment = "A segment is a group of customers who buy in a similar way: similar amounts, discounts, profit, product mix, customer type and region.";

    /// <summary>How the segments were found.</summary>
    public const string HowSegments = "LatentOps learned a short numeric summary of each customer's buying (a \"customer embedding\": customers who buy alike get similar summaries), then grouped customers whose summaries are close. Each segment is described by what sets it apart from all customers.";

    /// <summary>What "products bought by similar customers" means.</summary>
    public const string SimilarProducts = "For each product, these are the products most often bought by the same kind of customers, learned from who bought what (a \"product embedding\"). Useful for recommendations, bundles and shelf placement.";

    /// <summary>What an unusual order is.</summary>
    public const string UnusualOrders = "Order lines that look unlike the others (for example a large discount that turned into a loss, or far more units than this product usually sells), found by how easily a line can be told apart from the rest. Worth a look: some are mistakes, some are deals.";

    /// <summary>The demo data note.</summary>
    public const string DemoData = "If you analysed the Superstore sample file: it is fictional demo data, not a real shop.";
}
