using LatentOps.Core.Errors;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

namespace LatentOps.Dashboard.Facts;

/// <summary>Reads what the pages show from the workspace's tracking store: monitoring and evaluation runs per model version.</summary>
internal sealed class WorkspaceFacts(Workspace workspace)
{
    /// <summary>The runs of <paramref name="experiment"/> (newest first), or none when the experiment does not exist yet.</summary>
    public async Task<IReadOnlyList<Run>> RunsAsync(string experiment, string? modelName, CancellationToken cancellationToken, int max = 1000)
    {
        IReadOnlyList<Run> runs;
        try
        {
            runs = await workspace.Tracking("dashboard").SearchRunsAsync(new RunQuery { Experiment = experiment, MaxResults = max }, cancellationToken).ConfigureAwait(false);
        }
        catch (LatentOpsException ex) when (ex.Code == ErrorCode.NotFound)
        {
            return [];
        }

        return modelName is null ? runs : [.. runs.Where(r => ModelNameOf(r) == modelName)];
    }

    /// <summary>The latest monitoring run of each model name.</summary>
    public async Task<IReadOnlyDictionary<string, Run>> LatestMonitoringAsync(CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, Run>(StringComparer.Ordinal);
        foreach (var run in await RunsAsync(TrackingTags.MonitoringExperiment, null, cancellationToken).ConfigureAwait(false))
        {
            if (ModelNameOf(run) is { } name && !latest.ContainsKey(name))
            {
                latest[name] = run;
            }
        }

        return latest;
    }

    /// <summary>The model name of a run's <c>latentops.model</c> tag (<c>NAME:VERSION</c>).</summary>
    public static string? ModelNameOf(Run run) =>
        run.Tags.TryGetValue(TrackingTags.Model, out var reference) ? reference.Split(':', '@')[0] : null;

    /// <summary>The model version of a run's <c>latentops.model</c> tag, when it names one.</summary>
    public static int? ModelVersionOf(Run run) =>
        run.Tags.TryGetValue(TrackingTags.Model, out var reference) && reference.Split(':') is [_, var v] && int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
