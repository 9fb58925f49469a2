namespace LatentOps.Insights;

/// <summary>The stage names <see cref="SalesInsights"/> reports progress under, in the order they run.</summary>
public static class SalesInsightsStages
{
    /// <summary>Reading the file.</summary>
    public const string Reading = "reading";

    /// <summary>Learning customer embeddings (Done/Total = passes).</summary>
    public const string Customers = "customers";

    /// <summary>Grouping customers into segments (Done/Total = segment counts tried).</summary>
    public const string Segments = "segments";

    /// <summary>Learning product embeddings (Done/Total = passes).</summary>
    public const string Products = "products";

    /// <summary>Scoring order lines for unusualness.</summary>
    public const string UnusualOrders = "unusual-orders";

    /// <summary>Finished.</summary>
    public const string Done = "done";

    /// <summary>All stages in order.</summary>
    public static IReadOnlyList<string> All { get; } = [Reading, Customers, Segments, Products, UnusualOrders, Done];
}
