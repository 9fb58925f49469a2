using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Evaluate;

public sealed class EvaluateAblationCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Sample => Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv");

    private async Task<string> TrainAsync()
    {
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class")).ExitCode);
        var trained = await _cli.RunAsync("train", "loans", "--epochs", "1", "--dim", "8", "--hidden", "16", "--depth", "2", "--threads", "1", "--json");
        Assert.Equal(0, trained.ExitCode);
        return JsonDocument.Parse(trained.Out).RootElement.GetProperty("runId").GetString()!;
    }

    [Fact]
    public async Task EvaluateAblation_OneFactorTwoSeeds_ReportsBaseAndVariantWithPairedDifference()
    {
        var run = await TrainAsync();

        var result = await _cli.RunAsync("evaluate", "ablation", "--base", run, "--vary", "dim=4", "--seeds", "2", "--json");

        Assert.Equal(0, result.ExitCode);
        using var outcome = JsonDocument.Parse(result.Out);
        var ablation = outcome.RootElement.GetProperty("ablation");
        Assert.Equal("linearProbeScore", ablation.GetProperty("metric").GetString());
        Assert.Equal(2, ablation.GetProperty("base").GetProperty("scores").GetArrayLength());
        var variant = ablation.GetProperty("variants")[0];
        Assert.Equal("embeddingDimension", variant.GetProperty("factor").GetString());
        Assert.Equal("4", variant.GetProperty("value").GetString());
        Assert.All(variant.GetProperty("scores").EnumerateArray(), s => Assert.InRange(s.GetDouble(), 0.3, 1.0));
        Assert.True(File.Exists(outcome.RootElement.GetProperty("report").GetString()));
    }

    [Fact]
    public async Task EvaluateAblation_UnknownFactor_Exits1ListingTheParameters()
    {
        var run = await TrainAsync();

        var result = await _cli.RunAsync("evaluate", "ablation", "--base", run, "--vary", "colour=red");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'colour'", result.Error, StringComparison.Ordinal);
        Assert.Contains("embeddingDimension", result.Error, StringComparison.Ordinal);
    }
}
