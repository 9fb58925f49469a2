namespace LatentOps.Store.Datasets;

/// <summary>The file a version was ingested from.</summary>
/// <param name="FileName">The file name (without folders, which are machine-specific).</param>
/// <param name="Path">The absolute path at ingest time.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The SHA-256 of its bytes.</param>
/// <param name="Format">The format read (csv, parquet, jsonLines, idx).</param>
public sealed record DatasetSource(string FileName, string Path, long Size, string Sha256, string Format);
