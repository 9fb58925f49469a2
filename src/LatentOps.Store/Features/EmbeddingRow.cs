namespace LatentOps.Store.Features;

/// <summary>One embedding of one entity at one time.</summary>
/// <param name="EntityId">The entity (row id, customer id, ...).</param>
/// <param name="EventTime">When the features it was computed from were observed (UTC).</param>
/// <param name="Vector">The embedding.</param>
public sealed record EmbeddingRow(string EntityId, DateTimeOffset EventTime, float[] Vector);
