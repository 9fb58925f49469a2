using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Runs;

public sealed class RunsCommandsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_FilterAndOrder_PrintsMatchingRunsAsOneJsonDocument()
    {
        await TrackedWorkspace.TrainedRunAsync(_cli, "small", 0.70, 0.03);
        var best = await TrackedWorkspace.TrainedRunAsync(_cli, "big", 0.85, 0.02);

        var result = await _cli.RunAsync("runs", "list", "--filter", "metrics.aucScore > 0.8", "--order-by", "metrics.aucScore desc", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        var run = Assert.Single(document.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal(best, run.GetProperty("runId").GetString());
        Assert.Equal(0.85, run.GetProperty("metrics").GetProperty("aucScore").GetDouble());
    }

    [Fact]
    public async Task Show_RunIdPrefix_PrintsParamsMetricsAndDataVersions()
    {
        var runId = await TrackedWorkspace.TrainedRunAsync(_cli, "baseline", 0.8, 0.02);

        var result = await _cli.RunAsync("runs", "show", runId[..6]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(runId, result.Out, StringComparison.Ordinal);
        Assert.Contains("aucScore = 0.8", result.Out, StringComparison.Ordinal);
        Assert.Contains("train: lending:1 from samples/lending_club.csv", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownRun_Exits1NamingTheId()
    {
        var result = await _cli.RunAsync("runs", "show", "deadbeef");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'deadbeef'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_TwoRuns_WritesHtmlWithMetricCurvesAndSideBySideJson()
    {
        var a = await TrackedWorkspace.TrainedRunAsync(_cli, "a", 0.80, 0.02, epochs: 3);
        var b = await TrackedWorkspace.TrainedRunAsync(_cli, "b", 0.82, 0.03, epochs: 5);

        var result = await _cli.RunAsync("runs", "compare", a, b, "--output", "cmp.html", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal([0.80, 0.82], document.RootElement.GetProperty("metrics").GetProperty("aucScore").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(["3", "5"], document.RootElement.GetProperty("params").GetProperty("epochs").EnumerateArray().Select(v => v.GetString()));
        var html = await File.ReadAllTextAsync(Path.Combine(_cli.Folder, "cmp.html"), TestContext.Current.CancellationToken);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("trainLoss", html, StringComparison.Ordinal);
    }
}
