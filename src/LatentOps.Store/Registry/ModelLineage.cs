using LatentOps.Store.Tracking;

namespace LatentOps.Store.Registry;

/// <summary>Where a model version came from: its run, settings, metrics, data versions (with their sources) and artifacts.</summary>
/// <param name="Version">The version.</param>
/// <param name="Run">The run that produced it.</param>
/// <param name="Params">The run's parameters.</param>
/// <param name="Metrics">The run's latest metrics.</param>
/// <param name="Datasets">Dataset versions the run used, with content hash and source.</param>
/// <param name="Artifacts">The run's artifacts (the package among them).</param>
public sealed record ModelLineage(
    ModelVersion Version,
    RunInfo Run,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<RunDataset> Datasets,
    IReadOnlyList<RunArtifact> Artifacts);
