using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands;

public sealed class QuickstartCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    // One test runs the whole pipeline twice (it trains real models, so it is the slowest CLI test):
    // a fresh folder first, then again on the same workspace.
    [Fact]
    public async Task Quickstart_FreshFolderThenAgain_RunsEveryStageAndRegistersAChampion()
    {
        var first = await _cli.RunAsync("quickstart", "--json");
        var second = await _cli.RunAsync("quickstart", "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.True(File.Exists(Path.Combine(_cli.Folder, ".latentops", "metadata.db")));
        using var firstJson = JsonDocument.Parse(first.Out);
        var steps = firstJson.RootElement.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("summary").GetString()!);
        Assert.Equal(["workspace", "ingest", "check", "split", "pretrain", "finetune", "register", "evaluate", "promote"], steps.Keys);
        Assert.Contains("imbalanced", steps["check"], StringComparison.Ordinal);
        Assert.Contains("lending_club-test:1", steps["evaluate"], StringComparison.Ordinal);
        Assert.True(File.Exists(firstJson.RootElement.GetProperty("evaluationReport").GetString()));
        Assert.Contains("promoted to lending_club@champion", steps["promote"], StringComparison.Ordinal);
        using var evaluations = JsonDocument.Parse((await _cli.RunAsync("runs", "list", "--experiment", "evaluation", "--json")).Out);
        Assert.Equal(2, evaluations.RootElement.GetProperty("count").GetInt32()); // one per quickstart run

        Assert.Equal(0, second.ExitCode);
        using var secondJson = JsonDocument.Parse(second.Out);
        var again = secondJson.RootElement.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("summary").GetString()!);
        Assert.Contains("already stored", again["ingest"], StringComparison.Ordinal);
        Assert.Contains("lending_club:2 registered", again["register"], StringComparison.Ordinal);
        Assert.Contains("rocAucScore >= champion", again["promote"], StringComparison.Ordinal);
    }
}
