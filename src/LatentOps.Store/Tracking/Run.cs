namespace LatentOps.Store.Tracking;

/// <summary>A run with everything logged to it.</summary>
/// <param name="Info">Its attributes.</param>
/// <param name="Params">Parameters (settings) by name.</param>
/// <param name="Tags">Tags by name.</param>
/// <param name="Metrics">The latest value of each metric (highest step, then last logged).</param>
/// <param name="Artifacts">Artifacts by path.</param>
/// <param name="Datasets">Dataset versions used.</param>
public sealed record Run(
    RunInfo Info,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<RunArtifact> Artifacts,
    IReadOnlyList<RunDataset> Datasets);
