namespace LatentOps.Store.Tracking;

/// <summary>A dataset version a run used: the lineage from a model back to its data.</summary>
/// <param name="Role">How it was used: <c>train</c>, <c>validation</c>, <c>test</c>, <c>reference</c>, ...</param>
/// <param name="Name">Dataset name in the catalog.</param>
/// <param name="Version">Dataset version.</param>
/// <param name="ContentHash">Content hash of that version, when known.</param>
/// <param name="Source">Where the data came from (file path or URL), when known.</param>
public sealed record RunDataset(string Role, string Name, int Version, string? ContentHash = null, string? Source = null);
