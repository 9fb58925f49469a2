namespace LatentOps.Insights.Segments;

/// <summary>A customer on the 2-D customer map (the first two principal components of the customer embeddings).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Segment">The customer's segment number.</param>
/// <param name="X">Map position across.</param>
/// <param name="Y">Map position up.</param>
public sealed record CustomerPoint(string CustomerId, int Segment, double X, double Y);
