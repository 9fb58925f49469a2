using System.Text.Json;
using LatentOps.Cli.Tests.Commands.Runs;

namespace LatentOps.Cli.Tests.Commands.Models;

public sealed class ModelsCommandsTests : IDisposable
{
    private const string Gates = """
        { "registry": { "gates": [
            { "metric": "aucScore", "vsChampion": true, "tolerance": 0.005 },
            { "metric": "eceError", "max": 0.05 }
        ] } }
        """;

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Lifecycle_RegisterPromoteRefuseForceRollback_AliasFollowsAndAuditIsIntact()
    {
        var good = await TrackedWorkspace.TrainedRunAsync(_cli, "good", 0.84, 0.02);
        var worse = await TrackedWorkspace.TrainedRunAsync(_cli, "worse", 0.82, 0.02);
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, ".latentops", "config.json"), Gates, TestContext.Current.CancellationToken);

        Assert.Equal(0, (await _cli.RunAsync("models", "register", good, "--name", "churn")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("models", "register", worse[..8], "--name", "churn")).ExitCode);
        var promoted = await _cli.RunAsync("models", "promote", "churn", "1");
        var refused = await _cli.RunAsync("models", "promote", "churn", "2");
        var forcedWithoutReason = await _cli.RunAsync("models", "promote", "churn", "2", "--force");
        var forced = await _cli.RunAsync("models", "promote", "churn", "2", "--force", "--reason", "needed for the demo", "--json");
        var rolledBack = await _cli.RunAsync("models", "rollback", "churn");
        var shown = await _cli.RunAsync("models", "show", "churn", "--json");
        var verify = await _cli.RunAsync("audit", "verify");

        Assert.Equal(0, promoted.ExitCode);
        Assert.Contains("pass  aucScore >= champion", promoted.Out, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("aucScore >= champion (v1) - 0.005", refused.Error, StringComparison.Ordinal);
        Assert.Contains("threshold 0.835", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, forcedWithoutReason.ExitCode);
        Assert.Contains("--reason", forcedWithoutReason.Error, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        using (var document = JsonDocument.Parse(forced.Out))
        {
            Assert.True(document.RootElement.GetProperty("forced").GetBoolean());
        }

        Assert.Equal(0, rolledBack.ExitCode);
        Assert.Contains("v2 -> v1", rolledBack.Out, StringComparison.Ordinal);
        using (var document = JsonDocument.Parse(shown.Out))
        {
            Assert.Equal(1, document.RootElement.GetProperty("model").GetProperty("aliases").GetProperty("champion").GetInt32());
            Assert.Equal(["promote", "force", "rollback"], document.RootElement.GetProperty("aliasHistory").EnumerateArray().Select(m => m.GetProperty("kind").GetString()));
        }

        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("intact", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_RunWithoutPackage_Exits1SayingWhatIsMissing()
    {
        var workspace = TrackedWorkspace.Open(_cli);
        var run = await LatentOps.Store.Stores.WorkspaceStores.Tracking(workspace, "tester").CreateRunAsync(new LatentOps.Store.Tracking.RunStart(), TestContext.Current.CancellationToken);

        var result = await _cli.RunAsync("models", "register", run.RunId, "--name", "churn");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no artifact 'model'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineage_AliasReference_PrintsRunAndDataSource()
    {
        var run = await TrackedWorkspace.TrainedRunAsync(_cli, "good", 0.84, 0.02);
        await _cli.RunAsync("models", "register", run, "--name", "churn");
        await _cli.RunAsync("models", "alias", "churn", "1", "staging");

        var result = await _cli.RunAsync("models", "lineage", "churn@staging");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(run, result.Out, StringComparison.Ordinal);
        Assert.Contains("train: lending:1 from samples/lending_club.csv", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_MalformedGateConfig_Exits1NamingTheFileAndRule()
    {
        var run = await TrackedWorkspace.TrainedRunAsync(_cli, "good", 0.84, 0.02);
        await _cli.RunAsync("models", "register", run, "--name", "churn");
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, ".latentops", "config.json"), """{ "registry": { "gates": [ { "metric": "aucScore" } ] } }""", TestContext.Current.CancellationToken);

        var result = await _cli.RunAsync("models", "promote", "churn", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("config.json", result.Error, StringComparison.Ordinal);
        Assert.Contains("registry.gates[0]", result.Error, StringComparison.Ordinal);
    }
}
