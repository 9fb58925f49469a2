using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Train;

/// <summary><c>latentops train</c> on images: real Fashion-MNIST slices ingested from their IDX files.</summary>
public sealed class ImageTrainCommandTests : IDisposable
{
    private static readonly string[] Small = ["--epochs", "2", "--dim", "8", "--hidden", "8", "--batch-size", "64", "--threads", "1"];
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string TrainImages => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fashion-mnist-500", "train-images-idx3-ubyte.gz");

    private async Task IngestAsync() =>
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", TrainImages, "--name", "fashion", "--label", "label")).ExitCode);

    private async Task<string> TrainAsync(params string[] args)
    {
        var trained = await _cli.RunAsync(["train", "fashion", .. args, "--json"]);
        Assert.True(trained.ExitCode == 0, trained.Error);
        return JsonDocument.Parse(trained.Out).RootElement.GetProperty("runId").GetString()!;
    }

    private async Task<int> RunCountAsync() =>
        JsonDocument.Parse((await _cli.RunAsync("runs", "list", "--json")).Out).RootElement.GetProperty("count").GetInt32();

    [Fact]
    public async Task Train_FashionMnist_SimClrRunRegistersEmbedsAndFindsSimilarImages()
    {
        await IngestAsync();

        var trained = await _cli.RunAsync(["train", "fashion", .. Small, "--json"]);

        Assert.True(trained.ExitCode == 0, trained.Error);
        using var outcome = JsonDocument.Parse(trained.Out);
        Assert.Equal("simclr", outcome.RootElement.GetProperty("objective").GetString());
        Assert.Equal("image", outcome.RootElement.GetProperty("dataKind").GetString());
        Assert.Equal(2, outcome.RootElement.GetProperty("epochs").GetInt32());
        var runId = outcome.RootElement.GetProperty("runId").GetString()!;
        var run = (await _cli.RunAsync("runs", "show", runId, "--json")).Out;
        foreach (var expected in new[] { "\"model\"", "validationLoss", "epochSeconds", "rowsPerSecond", "\"fashion\"", "\"simclr\"", "\"seed\"" })
        {
            Assert.Contains(expected, run, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await _cli.RunAsync("models", "register", runId, "--name", "fashion")).ExitCode);
        var embedded = await _cli.RunAsync("embed", "fashion:1", "--data", "fashion", "--json");
        Assert.True(embedded.ExitCode == 0, embedded.Error);
        using var embedJson = JsonDocument.Parse(embedded.Out);
        Assert.Equal(500, embedJson.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(8, embedJson.RootElement.GetProperty("dimension").GetInt32());

        var similar = await _cli.RunAsync("similar", "fashion:1", "--id", "3", "--k", "5", "--json");
        Assert.True(similar.ExitCode == 0, similar.Error);
        var neighbours = JsonDocument.Parse(similar.Out).RootElement.GetProperty("neighbours").EnumerateArray().ToList();
        Assert.Equal(5, neighbours.Count);
        Assert.DoesNotContain(neighbours, n => n.GetProperty("entityId").GetString() == "3");

        // A self-supervised image model makes no predictions: evaluate says so plainly.
        var evaluated = await _cli.RunAsync("evaluate", "model", "fashion:1", "--data", "fashion");
        Assert.Equal(1, evaluated.ExitCode);
        Assert.Contains("no classification head", evaluated.Error, StringComparison.Ordinal);

        // Image models export to ONNX too: one raw-pixels input, the embedding out (no head: no probabilities).
        var exported = await _cli.RunAsync("export", "fashion:1", "--onnx", Path.Combine(_cli.Folder, "f.onnx"));
        Assert.True(exported.ExitCode == 0, exported.Error);
        Assert.Contains("1 inputs, outputs embedding)", exported.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_SupervisedFromSimClr_EvaluateModelReportsPredictionMetrics()
    {
        await IngestAsync();
        var pretrained = await TrainAsync(["--epochs", "1", .. Small[2..]]);
        var tuned = await TrainAsync(["--objective", "supervised", "--from", pretrained, .. Small]);
        Assert.Equal(0, (await _cli.RunAsync("models", "register", tuned, "--name", "fashion")).ExitCode);

        // On its own training data the probes are skipped (with a warning): they are slow on 784 raw
        // pixels and are exercised by hand in docs/learning.md; predictions and calibration run.
        var evaluated = await _cli.RunAsync("evaluate", "model", "fashion:1", "--data", "fashion", "--bootstrap", "50", "--no-robustness", "--json");

        Assert.True(evaluated.ExitCode == 0, evaluated.Error);
        using var result = JsonDocument.Parse(evaluated.Out);
        Assert.Equal("label", result.RootElement.GetProperty("label").GetString());
        Assert.Contains(result.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("the data the model was trained on", StringComparison.Ordinal));
        Assert.Contains("f1MacroScore", evaluated.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_CtrlCAfterFirstEpoch_ResumeContinuesLikeAnUninterruptedRun()
    {
        await IngestAsync();
        string[] options = ["--epochs", "3", "--patience", "0", "--dim", "8", "--hidden", "8", "--batch-size", "64", "--threads", "1"];
        var uninterrupted = await TrainAsync(options);

        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var checkpoints = Path.Combine(_cli.Folder, ".latentops", "checkpoints");
        var before = Directory.GetFiles(checkpoints).Length;
        var killed = _cli.RunAsync(ctrlC.Token, ["train", "fashion", .. options, "--json"]);
        while (!killed.IsCompleted && Directory.GetFiles(checkpoints).Length == before)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await ctrlC.CancelAsync();
        var stopped = await killed;
        Assert.Equal(130, stopped.ExitCode);
        var killedRun = Path.GetFileNameWithoutExtension(Directory.GetFiles(checkpoints).Single(f => !f.Contains(uninterrupted, StringComparison.Ordinal)));

        var resumed = await _cli.RunAsync(["train", "fashion", .. options, "--resume", killedRun, "--json"]);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(3, JsonDocument.Parse(resumed.Out).RootElement.GetProperty("epochs").GetInt32());
        Assert.Equal(Metrics(await _cli.RunAsync("runs", "show", uninterrupted, "--json")), Metrics(await _cli.RunAsync("runs", "show", killedRun, "--json")));
    }

    [Fact]
    public async Task Train_ScarfOnImages_Exits1NamingTheImageObjectivesAndCreatesNoRun()
    {
        await IngestAsync();

        var result = await _cli.RunAsync(["train", "fashion", "--objective", "scarf", .. Small]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("28x28 images", result.Error, StringComparison.Ordinal);
        Assert.Contains("simclr", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await RunCountAsync());
    }

    [Fact]
    public async Task Train_SimClrOnTable_Exits1AndCreatesNoRun()
    {
        var csv = Path.Combine(_cli.Folder, "table.csv");
        await File.WriteAllLinesAsync(csv, ["a,b,c", .. Enumerable.Range(0, 30).Select(i => $"{i},{i * 2 % 7},{(i % 2 == 0 ? "x" : "y")}")], TestContext.Current.CancellationToken);
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", csv, "--name", "table")).ExitCode);

        var result = await _cli.RunAsync("train", "table", "--objective", "simclr", "--epochs", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("simclr trains image encoders", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await RunCountAsync());
    }

    [Fact]
    public async Task Train_ImagesWithZeroEpochs_Exits1AndCreatesNoRun()
    {
        await IngestAsync();

        var result = await _cli.RunAsync("train", "fashion", "--epochs", "0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Epochs is 0", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await RunCountAsync());
    }

    /// <summary>The latest (last epoch's) training and validation loss of a run, exactly as stored.</summary>
    private static string Metrics(CliResult shown)
    {
        using var json = JsonDocument.Parse(shown.Out);
        var metrics = json.RootElement.GetProperty("metrics");
        return $"{metrics.GetProperty("trainLoss").GetRawText()};{metrics.GetProperty("validationLoss").GetRawText()}";
    }
}
