namespace LatentOps.Store.Datasets;

/// <summary>The outcome of adding a table to a dataset.</summary>
/// <param name="Version">The version holding the content (new or existing).</param>
/// <param name="Created">False when equal content was already stored as <paramref name="Version"/>; nothing was written.</param>
public sealed record DatasetAddResult(DatasetVersion Version, bool Created);
