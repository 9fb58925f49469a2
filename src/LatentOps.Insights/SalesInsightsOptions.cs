using System.Globalization;
using LatentOps.Core.Errors;

namespace LatentOps.Insights;

/// <summary>Settings of <see cref="SalesInsights"/>. Validated when a run starts.</summary>
public sealed class SalesInsightsOptions
{
    /// <summary>Seeds every random choice (network weights, shuffling, k-means starts, the isolation forest), so a run repeats exactly.</summary>
    /// <value>The default is 42.</value>
    public int Seed { get; set; } = 42;

    /// <summary>LibTorch threads for training; 0 means one per processor.</summary>
    /// <value>
    /// The default is 1: the networks are small, and on a busy machine several LibTorch threads wait on
    /// each other (a run on 2 busy cores took 530 s with 2 threads and 42 s with 1). Allowed: 0 to 256.
    /// </value>
    public int Threads { get; set; } = 1;

    /// <summary>The width of the customer and product embeddings.</summary>
    /// <value>The default is 16. Allowed: 2 to 256.</value>
    public int EmbeddingDimension { get; set; } = 16;

    /// <summary>Passes over the customers when training the customer encoder (a denoising autoencoder).</summary>
    /// <value>The default is 60. Allowed: 1 to 10000.</value>
    public int CustomerEpochs { get; set; } = 60;

    /// <summary>Passes over the (customer, product) purchases when training the product embeddings.</summary>
    /// <value>The default is 40. Allowed: 1 to 10000.</value>
    public int ProductEpochs { get; set; } = 40;

    /// <summary>The fewest segments tried; the count with the best silhouette between this and <see cref="MaxSegments"/> is kept.</summary>
    /// <value>The default is 3. Allowed: 2 to <see cref="MaxSegments"/>.</value>
    public int MinSegments { get; set; } = 3;

    /// <summary>The most segments tried.</summary>
    /// <value>The default is 8. Allowed: <see cref="MinSegments"/> to 20.</value>
    public int MaxSegments { get; set; } = 8;

    /// <summary>Similar products listed per product.</summary>
    /// <value>The default is 5. Allowed: 1 to 50.</value>
    public int SimilarProducts { get; set; } = 5;

    /// <summary>Unusual order lines listed (the most unusual first).</summary>
    /// <value>The default is 25. Allowed: 1 to 1000.</value>
    public int UnusualOrders { get; set; } = 25;

    /// <summary>Trees of the isolation forest that scores how unusual each order line is.</summary>
    /// <value>The default is 200. Allowed: 10 to 5000.</value>
    public int IsolationTrees { get; set; } = 200;

    /// <summary>The fewest customers the analysis accepts (fewer cannot form segments).</summary>
    /// <value>The default is 20. Allowed: 10 to 1000000.</value>
    public int MinCustomers { get; set; } = 20;

    /// <summary>Throws <see cref="LatentOpsException"/> naming the bad value and the allowed range.</summary>
    public void Validate()
    {
        Check(Threads is >= 0 and <= 256, $"Threads is {Threads}; allowed: 0 (one per processor) to 256.");
        Check(EmbeddingDimension is >= 2 and <= 256, $"EmbeddingDimension is {EmbeddingDimension}; allowed: 2 to 256.");
        Check(CustomerEpochs is >= 1 and <= 10_000, $"CustomerEpochs is {CustomerEpochs}; allowed: 1 to 10000.");
        Check(ProductEpochs is >= 1 and <= 10_000, $"ProductEpochs is {ProductEpochs}; allowed: 1 to 10000.");
        Check(MaxSegments is >= 2 and <= 20, $"MaxSegments is {MaxSegments}; allowed: 2 to 20.");
        Check(MinSegments >= 2 && MinSegments <= MaxSegments, $"MinSegments is {MinSegments}; allowed: 2 to MaxSegments ({MaxSegments}).");
        Check(SimilarProducts is >= 1 and <= 50, $"SimilarProducts is {SimilarProducts}; allowed: 1 to 50.");
        Check(UnusualOrders is >= 1 and <= 1000, $"UnusualOrders is {UnusualOrders}; allowed: 1 to 1000.");
        Check(IsolationTrees is >= 10 and <= 5000, $"IsolationTrees is {IsolationTrees}; allowed: 10 to 5000.");
        Check(MinCustomers is >= 10 and <= 1_000_000, $"MinCustomers is {MinCustomers}; allowed: 10 to 1000000.");
    }

    /// <summary>The settings as a record, for results.</summary>
    public SalesInsightsSettings ToSettings() => new(Seed, Threads, EmbeddingDimension, CustomerEpochs, ProductEpochs, MinSegments, MaxSegments, SimilarProducts, UnusualOrders, IsolationTrees);

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture, $"{message}"));
        }
    }
}
