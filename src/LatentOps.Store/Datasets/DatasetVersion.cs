using LatentOps.Core.References;
using LatentOps.Core.Tables;

namespace LatentOps.Store.Datasets;

/// <summary>One immutable version of a dataset, as the catalog records it.</summary>
/// <param name="Name">The dataset name.</param>
/// <param name="Version">The version number (1, 2, ...).</param>
/// <param name="ContentHash">SHA-256 of the canonical table content (the identity of the data).</param>
/// <param name="ArtifactHash">SHA-256 of the stored Parquet file in the artifact store.</param>
/// <param name="ArtifactSize">Size of the Parquet file in bytes.</param>
/// <param name="RowCount">Rows.</param>
/// <param name="Schema">Column names and types in order.</param>
/// <param name="Roles">Label, time and id columns.</param>
/// <param name="Provenance">Source file or transform.</param>
/// <param name="Parents">The versions this one was derived from (empty for ingests).</param>
/// <param name="CreatedAt">When it was recorded (UTC).</param>
/// <param name="CreatedBy">The user who recorded it.</param>
public sealed record DatasetVersion(
    string Name,
    int Version,
    string ContentHash,
    string ArtifactHash,
    long ArtifactSize,
    int RowCount,
    IReadOnlyList<ColumnSchema> Schema,
    DatasetRoles Roles,
    DatasetProvenance Provenance,
    IReadOnlyList<DatasetRef> Parents,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary>The exact reference <c>NAME:VERSION</c>.</summary>
    public DatasetRef Ref => new(Name, Version);
}
