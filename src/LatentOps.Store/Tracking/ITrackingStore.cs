namespace LatentOps.Store.Tracking;

/// <summary>
/// Experiment tracking: runs with parameters, metrics (with step and time), tags, status, artifacts,
/// source commit and the dataset versions used. One contract; SQLite and PostgreSQL implement it.
/// </summary>
public interface ITrackingStore
{
    /// <summary>Returns the experiment, creating it when missing.</summary>
    Task<Experiment> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>All experiments, by name.</summary>
    Task<IReadOnlyList<Experiment>> ListExperimentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts a run (status <see cref="RunStatus.Running"/>).</summary>
    Task<RunInfo> CreateRunAsync(RunStart start, CancellationToken cancellationToken = default);

    /// <summary>Logs parameters; a parameter, once logged, cannot change (<c>InvalidState</c> if it differs).</summary>
    Task LogParamsAsync(string runId, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default);

    /// <summary>Logs metric values (a batch is one transaction).</summary>
    Task LogMetricsAsync(string runId, IReadOnlyList<MetricPoint> metrics, CancellationToken cancellationToken = default);

    /// <summary>Logs one metric value at <paramref name="step"/>, timestamped now.</summary>
    Task LogMetricAsync(string runId, string key, double value, long step = 0, CancellationToken cancellationToken = default);

    /// <summary>Sets tags (overwriting).</summary>
    Task SetTagsAsync(string runId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>Records an artifact of the run (already stored in the artifact store).</summary>
    Task LogArtifactAsync(string runId, RunArtifact artifact, CancellationToken cancellationToken = default);

    /// <summary>Records a dataset version the run used.</summary>
    Task LogDatasetAsync(string runId, RunDataset dataset, CancellationToken cancellationToken = default);

    /// <summary>Ends the run with <paramref name="status"/>.</summary>
    Task<RunInfo> EndRunAsync(string runId, RunStatus status = RunStatus.Finished, CancellationToken cancellationToken = default);

    /// <summary>A run with everything logged to it (<c>NotFound</c> when unknown).</summary>
    Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Every value of one metric, by step then time.</summary>
    Task<IReadOnlyList<MetricPoint>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default);

    /// <summary>Runs matching <paramref name="query"/>.</summary>
    Task<IReadOnlyList<Run>> SearchRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>The full run id for a unique prefix (at least 4 digits) or a full id.</summary>
    Task<string> ResolveRunIdAsync(string idOrPrefix, CancellationToken cancellationToken = default);
}
