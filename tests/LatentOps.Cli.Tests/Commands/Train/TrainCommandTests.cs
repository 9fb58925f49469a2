using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Train;

public sealed class TrainCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Sample => Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv");

    [Fact]
    public async Task Train_Dataset_RecordsARunWithTheModelArtifactThatRegisters()
    {
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class")).ExitCode);

        var trained = await _cli.RunAsync("train", "loans", "--epochs", "2", "--dim", "8", "--hidden", "16", "--depth", "2", "--threads", "1", "--json");

        Assert.Equal(0, trained.ExitCode);
        using var outcome = JsonDocument.Parse(trained.Out);
        var runId = outcome.RootElement.GetProperty("runId").GetString()!;
        Assert.Equal("scarf", outcome.RootElement.GetProperty("objective").GetString());
        using var run = JsonDocument.Parse((await _cli.RunAsync("runs", "show", runId, "--json")).Out);
        var text = run.RootElement.ToString();
        Assert.Contains("\"model\"", text, StringComparison.Ordinal);
        Assert.Contains("validationLoss", text, StringComparison.Ordinal);
        Assert.Contains("loans", text, StringComparison.Ordinal);
        Assert.Equal(0, (await _cli.RunAsync("models", "register", runId, "--name", "loans")).ExitCode);
    }

    [Fact]
    public async Task Train_UnknownDataset_Exits1NamingIt()
    {
        var result = await _cli.RunAsync("train", "nothing-here");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing-here", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_UnknownObjective_Exits2ListingTheChoices()
    {
        var result = await _cli.RunAsync("train", "loans", "--objective", "magic");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("scarf", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_ZeroEpochs_Exits1AndCreatesNoRun()
    {
        await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class");

        var result = await _cli.RunAsync("train", "loans", "--epochs", "0");
        var runs = await _cli.RunAsync("runs", "list", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Epochs", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, JsonDocument.Parse(runs.Out).RootElement.GetProperty("count").GetInt32());
    }
}
