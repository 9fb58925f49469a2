namespace LatentOps.Store.Features;

/// <summary>One materialisation of embeddings: the offline Parquet artifact and the rows it put online.</summary>
/// <param name="Id">Store-assigned id.</param>
/// <param name="Model">The model name that produced the embeddings.</param>
/// <param name="ModelVersion">Its version.</param>
/// <param name="Dimension">Vector length.</param>
/// <param name="Rows">How many rows.</param>
/// <param name="ArtifactHash">SHA-256 of the Parquet file (columns entity_id, event_time, model, e0..e{d-1}).</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="CreatedBy">Who.</param>
public sealed record FeatureSet(long Id, string Model, int ModelVersion, int Dimension, int Rows, string ArtifactHash, DateTimeOffset CreatedAt, string CreatedBy);
