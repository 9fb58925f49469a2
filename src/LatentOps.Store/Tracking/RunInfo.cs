namespace LatentOps.Store.Tracking;

/// <summary>The attributes of a run.</summary>
/// <param name="RunId">32 hex digits; commands accept any unique prefix.</param>
/// <param name="Experiment">The experiment name.</param>
/// <param name="Name">A human name for the run.</param>
/// <param name="Status">Its state.</param>
/// <param name="StartTime">When it started (UTC).</param>
/// <param name="EndTime">When it ended, if it has.</param>
/// <param name="SourceCommit">The git commit of the code that ran, when known.</param>
/// <param name="CreatedBy">Who started it.</param>
public sealed record RunInfo(
    string RunId,
    string Experiment,
    string Name,
    RunStatus Status,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    string? SourceCommit,
    string CreatedBy);
