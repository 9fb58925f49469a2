namespace LatentOps.Store.Artifacts;

/// <summary>A stored artifact: its SHA-256 content hash and its size in bytes.</summary>
/// <param name="Hash">Lower-case hex SHA-256 of the content.</param>
/// <param name="Size">Size in bytes.</param>
public sealed record ArtifactRef(string Hash, long Size);
