namespace LatentOps.Store.Datasets;

/// <summary>Where a dataset version came from: a source file (ingest) or a transform of parent versions (derived).</summary>
/// <param name="Source">The ingested file, or null for derived versions.</param>
/// <param name="Options">The ingest options as given (delimiter, schema file, roles...), or null.</param>
/// <param name="Transform">The transform that derived this version, or null for ingests.</param>
public sealed record DatasetProvenance(DatasetSource? Source, IReadOnlyDictionary<string, string>? Options, DatasetTransform? Transform)
{
    /// <summary>Provenance of an ingested file.</summary>
    public static DatasetProvenance Ingested(DatasetSource source, IReadOnlyDictionary<string, string>? options = null) => new(source, options, null);

    /// <summary>Provenance of a derived version.</summary>
    public static DatasetProvenance Derived(DatasetTransform transform) => new(null, null, transform);
}
