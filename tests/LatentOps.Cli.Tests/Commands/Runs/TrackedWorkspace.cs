using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

namespace LatentOps.Cli.Tests.Commands.Runs;

/// <summary>Fills the CLI test folder's workspace through the store API, as training would.</summary>
internal static class TrackedWorkspace
{
    public static Workspace Open(CliRun cli) => Workspace.Open(Path.Combine(cli.Folder, ".latentops"));

    /// <summary>A finished run with a loss curve, final metrics and a model package artifact.</summary>
    public static async Task<string> TrainedRunAsync(CliRun cli, string name, double auc, double ece, int epochs = 4)
    {
        var workspace = Open(cli);
        var tracking = workspace.Tracking("tester");
        var ct = TestContext.Current.CancellationToken;
        var run = await tracking.CreateRunAsync(new RunStart { Experiment = "churn", Name = name, Params = new Dictionary<string, string> { ["epochs"] = $"{epochs}", ["objective"] = "scarf" } }, ct);
        var now = DateTimeOffset.UtcNow;
        await tracking.LogMetricsAsync(run.RunId, [.. Enumerable.Range(1, epochs).Select(e => new MetricPoint("trainLoss", 1.0 / e, e, now))], ct);
        await tracking.LogMetricsAsync(run.RunId, [new("aucScore", auc, 0, now), new("eceError", ece, 0, now)], ct);
        await tracking.LogDatasetAsync(run.RunId, new RunDataset("train", "lending", 1, null, "samples/lending_club.csv"), ct);
        var package = await workspace.Artifacts.PutAsync(System.Text.Encoding.UTF8.GetBytes("package " + run.RunId), ct);
        await tracking.LogArtifactAsync(run.RunId, new RunArtifact("model", package.Hash, package.Size), ct);
        await tracking.EndRunAsync(run.RunId, RunStatus.Finished, ct);
        return run.RunId;
    }
}
