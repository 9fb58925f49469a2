namespace LatentOps.Governance.Datasheets;

/// <summary>A tracked run that used the dataset, and the model versions registered from it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Experiment">Its experiment.</param>
/// <param name="Role">How it used the data (train, validation, test, reference, ...).</param>
/// <param name="DatasetVersion">The version it used.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Models">Model versions registered from the run (<c>NAME:VERSION</c>).</param>
public sealed record DatasetUse(string RunId, string Experiment, string Role, int DatasetVersion, DateTimeOffset StartedAt, IReadOnlyList<string> Models);
