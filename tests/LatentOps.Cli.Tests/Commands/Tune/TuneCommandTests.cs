using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Tune;

public sealed class TuneCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Sample => Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv");

    [Fact]
    public async Task Tune_HalvingWithTinyBudget_RecordsEveryTrialUnderTheParentAndKeepsTheBestModel()
    {
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class")).ExitCode);

        var result = await _cli.RunAsync("tune", "loans", "--objective", "scarf,dae", "--trials", "4", "--budget", "halving", "--eta", "2", "--epochs", "2", "--dims", "4,8", "--depths", "2", "--scorer", "knn", "--json");

        Assert.Equal(0, result.ExitCode);
        using var outcome = JsonDocument.Parse(result.Out);
        var root = outcome.RootElement;
        Assert.Equal(3, root.GetProperty("rungs").GetInt32());
        Assert.Equal(7, root.GetProperty("trials").GetArrayLength()); // 4 + 2 + 1
        Assert.Equal("knnProbeScore", root.GetProperty("score").GetString());
        Assert.Equal(2, root.GetProperty("best").GetProperty("rung").GetInt32());
        var parent = root.GetProperty("runId").GetString()!;
        using var runs = JsonDocument.Parse((await _cli.RunAsync("runs", "list", "--experiment", "tuning", "--json")).Out);
        Assert.Equal(8, runs.RootElement.GetProperty("count").GetInt32());
        using var trial = JsonDocument.Parse((await _cli.RunAsync("runs", "show", root.GetProperty("best").GetProperty("runId").GetString()!, "--json")).Out);
        Assert.Contains(parent, trial.RootElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await _cli.RunAsync("models", "register", parent, "--name", "tuned")).ExitCode);
    }

    [Fact]
    public async Task Tune_ProbeScorerWithoutLabel_Exits1NamingTheScorer()
    {
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", Sample, "--name", "loans")).ExitCode);

        var result = await _cli.RunAsync("tune", "loans", "--scorer", "linear", "--trials", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--scorer linear needs a label", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tune_UnknownObjective_Exits1NamingIt()
    {
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class")).ExitCode);

        var result = await _cli.RunAsync("tune", "loans", "--objective", "supervised");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--objective 'supervised'", result.Error, StringComparison.Ordinal);
    }
}
