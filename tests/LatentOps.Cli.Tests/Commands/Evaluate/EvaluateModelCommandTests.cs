using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Evaluate;

public sealed class EvaluateModelCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Sample => Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv");

    /// <summary>Ingests the sample, splits it, trains a tiny supervised model on the train part and registers it as loans:1.</summary>
    private async Task RegisterModelAsync()
    {
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("data", "split", "loans", "--by", "stratified", "--test", "0.2")).ExitCode);
        var trained = await _cli.RunAsync("train", "loans-train", "--objective", "supervised", "--epochs", "2", "--dim", "8", "--hidden", "16", "--depth", "2", "--threads", "1", "--json");
        Assert.Equal(0, trained.ExitCode);
        var runId = JsonDocument.Parse(trained.Out).RootElement.GetProperty("runId").GetString()!;
        Assert.Equal(0, (await _cli.RunAsync("models", "register", runId, "--name", "loans")).ExitCode);
    }

    [Fact]
    public async Task EvaluateModel_HeldOutData_RecordsTheContractRunWithIntervalsProbesAndFgsm()
    {
        await RegisterModelAsync();
        var report = Path.Combine(_cli.Folder, "eval.html");

        var result = await _cli.RunAsync("evaluate", "model", "loans:1", "--data", "loans-test", "--slices", "term", "--bootstrap", "50", "--no-robustness", "--probe-rows", "1000", "--out", report, "--json");

        Assert.Equal(0, result.ExitCode);
        using var outcome = JsonDocument.Parse(result.Out);
        Assert.Equal("loans-train:1", outcome.RootElement.GetProperty("probeTrainingDataset").GetString());
        Assert.True(File.Exists(report));
        var evaluation = outcome.RootElement.GetProperty("evaluation");
        Assert.Equal(4, evaluation.GetProperty("probes").GetArrayLength()); // linear and kNN on embedding and raw features
        Assert.True(evaluation.GetProperty("adversarial").GetProperty("points").GetArrayLength() >= 2);
        var runId = outcome.RootElement.GetProperty("runId").GetString()!;
        using var run = JsonDocument.Parse((await _cli.RunAsync("runs", "show", runId, "--json")).Out);
        var text = run.RootElement.ToString();
        Assert.Contains("\"latentops.kind\":\"evaluation\"", text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"latentops.model\":\"loans:1\"", text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"latentops.dataset\":\"loans-test:1\"", text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("rocAucScore.ci_low", text, StringComparison.Ordinal);
        Assert.Contains("rocAucScore.ci_high", text, StringComparison.Ordinal);
        Assert.Contains("evaluation.json", text, StringComparison.Ordinal);
        Assert.Contains("evaluation.html", text, StringComparison.Ordinal);
        Assert.Contains("fgsm.0.1.rocAucScore", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateModel_PromotionGateOnRocAuc_SeesTheEvaluationMetric()
    {
        await RegisterModelAsync();
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, ".latentops", "config.json"), """{"registry":{"gates":[{"metric":"rocAucScore","min":0.01}]}}""", TestContext.Current.CancellationToken);

        var before = await _cli.RunAsync("models", "promote", "loans", "1");
        Assert.Equal(0, (await _cli.RunAsync("evaluate", "model", "loans:1", "--data", "loans-test", "--bootstrap", "50", "--no-robustness", "--epsilons", "none", "--probe-rows", "500")).ExitCode);
        var after = await _cli.RunAsync("models", "promote", "loans", "1", "--json");

        Assert.NotEqual(0, before.ExitCode);
        Assert.Contains("rocAucScore was not logged", before.Out + before.Error, StringComparison.Ordinal);
        Assert.Equal(0, after.ExitCode);
        Assert.True(JsonDocument.Parse(after.Out).RootElement.GetProperty("promoted").GetBoolean());
    }

    [Fact]
    public async Task EvaluateModel_UnknownSliceColumn_Exits1NamingTheOption()
    {
        await RegisterModelAsync();

        var result = await _cli.RunAsync("evaluate", "model", "loans:1", "--data", "loans-test", "--slices", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--slices", result.Error, StringComparison.Ordinal);
        Assert.Contains("nope", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateModel_MalformedReference_Exits1NamingTheArgument()
    {
        var result = await _cli.RunAsync("evaluate", "model", "loans", "--data", "loans-test");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("REF", result.Error, StringComparison.Ordinal);
    }
}
