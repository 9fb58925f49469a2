using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Evaluate;

public sealed class EvaluatePredictionsCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Fixture(string name, [CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", name);

    [Fact]
    public async Task Predictions_LendingClubBinary_MetricsEqualSklearnAndReportWritten()
    {
        var report = Path.Combine(_cli.Folder, "out", "report.html");

        var result = await _cli.RunAsync("evaluate", "predictions", Fixture("lending_club_predictions.csv"), "--label", "Class", "--scores", "p_bad", "--positive", "bad",
            "--slices", "addr_state,annual_inc", "--protected", "term", "--bootstrap", "200", "--report", report, "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var document = JsonDocument.Parse(result.Out);
        var evaluation = document.RootElement.GetProperty("evaluation");
        var metrics = evaluation.GetProperty("metrics");
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Fixture("lending_club_predictions.expected.json"), TestContext.Current.CancellationToken));
        foreach (var metric in expected.RootElement.EnumerateObject())
        {
            Assert.Equal(metric.Value.GetDouble(), metrics.GetProperty(metric.Name).GetDouble(), 1e-9);
        }

        Assert.Equal(2958, evaluation.GetProperty("rows").GetInt32());
        Assert.Equal(50, evaluation.GetProperty("slices").GetProperty("addr_state").GetArrayLength());
        var auc = evaluation.GetProperty("headline").EnumerateArray().Single(h => h.GetProperty("metric").GetString() == "rocAucScore");
        Assert.True(auc.GetProperty("lower").GetDouble() < auc.GetProperty("value").GetDouble());
        Assert.True(evaluation.GetProperty("temperatureScaling").GetProperty("scaler").GetProperty("temperature").GetDouble() > 0);
        Assert.True(evaluation.TryGetProperty("fairness", out _));
        var runId = document.RootElement.GetProperty("runId").GetString()!;
        var workspace = LatentOps.Store.Workspaces.Workspace.Open(Path.Combine(_cli.Folder, ".latentops"));
        var run = await LatentOps.Store.Stores.WorkspaceStores.Tracking(workspace).GetRunAsync(runId, TestContext.Current.CancellationToken);
        Assert.Equal(metrics.GetProperty("rocAucScore").GetDouble(), run.Metrics["rocAucScore"], 1e-15);
        Assert.Contains("rocAucScore.ci_low", run.Metrics.Keys);
        Assert.Equal("evaluation", run.Info.Experiment);
        Assert.Contains(run.Artifacts, a => a.Path == "evaluation.html");
        var html = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        foreach (var section in new[] { "Headline metrics", "Confusion matrix", "ROC curve", "Reliability diagram", "after (T =", "Slices by &#39;addr_state&#39;", "Fairness over", "<svg" })
        {
            Assert.Contains(section, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Predictions_SameFileAsParquet_SameMetrics()
    {
        var token = TestContext.Current.CancellationToken;
        var table = await LatentOps.Data.Reading.TableReader.ReadAsync(Fixture("lending_club_predictions.csv"), cancellationToken: token);
        var parquet = Path.Combine(_cli.Folder, "predictions.parquet");
        await LatentOps.Data.Parquet.TableParquet.WriteAsync(table, parquet, token);

        var csv = await _cli.RunAsync("evaluate", "predictions", Fixture("lending_club_predictions.csv"), "--label", "Class", "--scores", "p_bad", "--positive", "bad", "--bootstrap", "50", "--json");
        var pq = await _cli.RunAsync("evaluate", "predictions", parquet, "--label", "Class", "--scores", "p_bad", "--positive", "bad", "--bootstrap", "50", "--json");

        Assert.True(pq.ExitCode == 0, pq.Error);
        using var a = JsonDocument.Parse(csv.Out);
        using var b = JsonDocument.Parse(pq.Out);
        Assert.Equal(
            a.RootElement.GetProperty("evaluation").GetProperty("metrics").ToString(),
            b.RootElement.GetProperty("evaluation").GetProperty("metrics").ToString());
    }

    [Fact]
    public async Task Predictions_SeparateValidationFile_TemperatureFittedThereMeasuredOnAllRows()
    {
        var lines = await File.ReadAllLinesAsync(Fixture("lending_club_predictions.csv"), TestContext.Current.CancellationToken);
        var validation = Write("validation.csv", string.Join('\n', lines.Take(1001)) + "\n");
        var test = Write("test.csv", string.Join('\n', new[] { lines[0] }.Concat(lines.Skip(1001))) + "\n");

        var result = await _cli.RunAsync("evaluate", "predictions", test, "--label", "Class", "--scores", "p_bad", "--positive", "bad", "--validation", validation, "--bootstrap", "50", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var document = JsonDocument.Parse(result.Out);
        var evaluation = document.RootElement.GetProperty("evaluation");
        Assert.Equal(1000, evaluation.GetProperty("validationRows").GetInt32());
        var scaling = evaluation.GetProperty("temperatureScaling");
        Assert.Equal(lines.Length - 1001, scaling.GetProperty("heldOutRows").GetInt32());
        Assert.Equal(1000, scaling.GetProperty("scaler").GetProperty("validationRows").GetInt32());
        Assert.False(evaluation.TryGetProperty("calibrationFraction", out _));
    }

    [Fact]
    public async Task Predictions_HumanOutput_ShowsIntervalsAndReportPath()
    {
        var result = await _cli.RunAsync("evaluate", "predictions", Fixture("lending_club_predictions.csv"), "--label", "Class", "--scores", "p_bad", "--positive", "bad", "--bootstrap", "100");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("rocAucScore", result.Out, StringComparison.Ordinal);
        Assert.Contains("95% CI", result.Out, StringComparison.Ordinal);
        Assert.Contains("temperature scaling: T =", result.Out, StringComparison.Ordinal);
        var reportLine = result.Out.Split('\n').Single(l => l.StartsWith("report: ", StringComparison.Ordinal));
        Assert.True(File.Exists(reportLine["report: ".Length..].Trim()));
        Assert.StartsWith(Path.Combine(_cli.Folder, ".latentops", "reports"), reportLine["report: ".Length..].Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predictions_TextLabelsWithoutPositive_Exits1AskingForPositive()
    {
        var result = await _cli.RunAsync("evaluate", "predictions", Fixture("lending_club_predictions.csv"), "--label", "Class", "--scores", "p_bad");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--positive", result.Error, StringComparison.Ordinal);
        Assert.Contains("'bad'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predictions_UnknownColumn_Exits1ListingColumns()
    {
        var result = await _cli.RunAsync("evaluate", "predictions", Fixture("lending_club_predictions.csv"), "--label", "Class", "--scores", "prob", "--positive", "bad");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no column 'prob'", result.Error, StringComparison.Ordinal);
        Assert.Contains("p_bad", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predictions_ScoreOutsideUnitInterval_Exits1NamingRow()
    {
        var file = Write("margins.csv", "y,score\n1,0.9\n0,2.5\n1,0.3\n");

        var result = await _cli.RunAsync("evaluate", "predictions", file, "--label", "y", "--scores", "score");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("data row 2", result.Error, StringComparison.Ordinal);
        Assert.Contains("[0, 1]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predictions_MulticlassWithPrefixedColumns_ClassesFromColumnNames()
    {
        var random = new Random(5);
        var lines = new List<string> { "species,p_a,p_b,p_c" };
        for (var i = 0; i < 150; i++)
        {
            var y = i % 3;
            var w = new[] { 1 + random.NextDouble(), 1 + random.NextDouble(), 1 + random.NextDouble() };
            w[y] += 1.5;
            var sum = w.Sum();
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{"abc"[y]},{w[0] / sum:R},{w[1] / sum:R},{w[2] / sum:R}"));
        }

        var file = Write("iris_like.csv", string.Join('\n', lines) + "\n");

        var result = await _cli.RunAsync("evaluate", "predictions", file, "--label", "species", "--scores", "p_a,p_b,p_c", "--bootstrap", "100", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var document = JsonDocument.Parse(result.Out);
        var evaluation = document.RootElement.GetProperty("evaluation");
        Assert.Equal("multiclass", evaluation.GetProperty("task").GetString());
        Assert.Equal(["a", "b", "c"], evaluation.GetProperty("classNames").EnumerateArray().Select(e => e.GetString()));
        Assert.InRange(evaluation.GetProperty("metrics").GetProperty("accuracyScore").GetDouble(), 0.6, 1.0);
    }

    [Fact]
    public async Task Predictions_Regression_ReportsErrorsWithIntervals()
    {
        var lines = new List<string> { "price,predicted" };
        for (var i = 0; i < 100; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{i},{i + ((i % 7) - 3)}"));
        }

        var file = Write("prices.csv", string.Join('\n', lines) + "\n");

        var result = await _cli.RunAsync("evaluate", "predictions", file, "--label", "price", "--prediction", "predicted", "--bootstrap", "100", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var document = JsonDocument.Parse(result.Out);
        var metrics = document.RootElement.GetProperty("evaluation").GetProperty("metrics");
        var expectedMae = Enumerable.Range(0, 100).Average(i => Math.Abs((i % 7) - 3));
        Assert.Equal(expectedMae, metrics.GetProperty("meanAbsoluteError").GetDouble(), 1e-12);
        Assert.Contains("Small test set", document.RootElement.GetProperty("evaluation").GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predictions_BootstrapOutOfRange_Exits1NamingRange()
    {
        var result = await _cli.RunAsync("evaluate", "predictions", Fixture("lending_club_predictions.csv"), "--label", "Class", "--scores", "p_bad", "--positive", "bad", "--bootstrap", "5");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("between 50 and 100000", result.Error, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_cli.Folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
