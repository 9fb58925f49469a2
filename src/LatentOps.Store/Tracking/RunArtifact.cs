namespace LatentOps.Store.Tracking;

/// <summary>An artifact a run produced, stored in the content-addressed artifact store.</summary>
/// <param name="Path">Its name within the run (e.g. <c>model</c> for the model package).</param>
/// <param name="Hash">SHA-256 of the content.</param>
/// <param name="Size">Size in bytes.</param>
public sealed record RunArtifact(string Path, string Hash, long Size);
