namespace LatentOps.Store.Features;

/// <summary>
/// The embedding feature store (Feast's offline/online split): materialise (entity, event time,
/// model version, vector) offline as a Parquet artifact and online in a table; point-in-time lookup;
/// exact cosine top-k neighbours.
/// </summary>
public interface IFeatureStore
{
    /// <summary>
    /// Writes <paramref name="rows"/> as one Parquet artifact and upserts them into the online table
    /// in one transaction (rows with the same entity and event time are replaced).
    /// </summary>
    Task<FeatureSet> MaterializeAsync(string model, int modelVersion, IReadOnlyList<EmbeddingRow> rows, CancellationToken cancellationToken = default);

    /// <summary>The materialisations of a model version, newest first (all models when <paramref name="model"/> is null).</summary>
    Task<IReadOnlyList<FeatureSet>> ListFeatureSetsAsync(string? model = null, CancellationToken cancellationToken = default);

    /// <summary>Point-in-time lookup: the entity's latest vector with event time at or before <paramref name="asOf"/> (now when null); null when none.</summary>
    Task<EmbeddingRow?> GetAsync(string model, int modelVersion, string entityId, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="k"/> entities nearest (cosine) to <paramref name="entityId"/>'s vector, excluding itself, each at its latest vector as of <paramref name="asOf"/>.</summary>
    Task<IReadOnlyList<Neighbour>> SimilarAsync(string model, int modelVersion, string entityId, int k = 10, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="k"/> entities nearest (cosine) to <paramref name="query"/>.</summary>
    Task<IReadOnlyList<Neighbour>> SimilarToVectorAsync(string model, int modelVersion, float[] query, int k = 10, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);
}
