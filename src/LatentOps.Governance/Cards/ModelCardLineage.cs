namespace LatentOps.Governance.Cards;

/// <summary>The training run behind a version.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Experiment">Its experiment.</param>
/// <param name="RunName">Its name.</param>
/// <param name="Status">Finished, failed, killed, running.</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="CreatedBy">Who ran it.</param>
/// <param name="SourceCommit">The git commit of the code, when known.</param>
/// <param name="Params">Its parameters (settings).</param>
/// <param name="Metrics">Its latest metrics (training losses, ...).</param>
/// <param name="Tags">Its tags.</param>
/// <param name="ParentRunId">The run it was fine-tuned from (pretraining), when it was.</param>
/// <param name="ParentRun">That run's experiment, objective and data, when it still exists.</param>
public sealed record ModelCardLineage(
    string RunId,
    string Experiment,
    string RunName,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string CreatedBy,
    string? SourceCommit,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string> Tags,
    string? ParentRunId,
    string? ParentRun);
