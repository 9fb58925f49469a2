namespace LatentOps.Store.Features;

/// <summary>A nearest neighbour.</summary>
/// <param name="EntityId">The neighbour.</param>
/// <param name="Similarity">Cosine similarity to the query, in [-1, 1] (higher is nearer).</param>
/// <param name="EventTime">The event time of the neighbour's vector used.</param>
public sealed record Neighbour(string EntityId, double Similarity, DateTimeOffset EventTime);
