using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Export;

public sealed class ExportCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Sample => Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv");

    [Fact]
    public async Task Export_RegisteredModel_WritesOnnxAndSidecarDescribingEveryInput()
    {
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class")).ExitCode);
        var trained = await _cli.RunAsync("train", "loans", "--epochs", "1", "--dim", "8", "--hidden", "16", "--depth", "2", "--threads", "1", "--json");
        var runId = JsonDocument.Parse(trained.Out).RootElement.GetProperty("runId").GetString()!;
        Assert.Equal(0, (await _cli.RunAsync("models", "register", runId, "--name", "loans")).ExitCode);

        var result = await _cli.RunAsync("export", "loans:1", "--format", "onnx", "--out", Path.Combine(_cli.Folder, "out", "loans.onnx"), "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var path = json.RootElement.GetProperty("path").GetString()!;
        Assert.True(new FileInfo(path).Length > 1000);
        using var sidecar = JsonDocument.Parse(File.ReadAllText(path + ".json"));
        Assert.Equal("loans:1", sidecar.RootElement.GetProperty("model").GetString());
        Assert.Equal(22, sidecar.RootElement.GetProperty("inputs").GetArrayLength());
        Assert.Equal("float64", sidecar.RootElement.GetProperty("inputs")[0].GetProperty("elementType").GetString());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.partial"));
    }

    [Fact]
    public async Task Export_ImageModel_WritesAGraphTakingRawPixelsWithTheScaleInTheSidecar()
    {
        var images = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fashion-mnist-500", "train-images-idx3-ubyte.gz");
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", images, "--name", "fashion", "--label", "label")).ExitCode);
        var trained = await _cli.RunAsync("train", "fashion", "--objective", "supervised", "--epochs", "1", "--dim", "8", "--hidden", "8", "--batch-size", "64", "--threads", "1", "--json");
        Assert.True(trained.ExitCode == 0, trained.Error);
        var runId = JsonDocument.Parse(trained.Out).RootElement.GetProperty("runId").GetString()!;
        Assert.Equal(0, (await _cli.RunAsync("models", "register", runId, "--name", "fashion")).ExitCode);

        var result = await _cli.RunAsync("export", "fashion:1", "--onnx", Path.Combine(_cli.Folder, "out", "fashion.onnx"), "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(["embedding", "probabilities"], json.RootElement.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()!).ToArray());
        using var sidecar = JsonDocument.Parse(File.ReadAllText(json.RootElement.GetProperty("sidecar").GetString()!));
        var input = Assert.Single(sidecar.RootElement.GetProperty("inputs").EnumerateArray().ToList());
        Assert.Equal("pixels", input.GetProperty("name").GetString());
        Assert.Equal(["N", "784"], input.GetProperty("shape").EnumerateArray().Select(d => d.GetString()!).ToArray());
        Assert.Equal(255, sidecar.RootElement.GetProperty("image").GetProperty("pixelScale").GetDouble());
        Assert.Equal(28, sidecar.RootElement.GetProperty("image").GetProperty("height").GetInt32());
    }

    [Fact]
    public async Task Export_UnknownModel_Exits1NamingIt()
    {
        var result = await _cli.RunAsync("export", "nothing:1", "--out", "x.onnx");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing", result.Error, StringComparison.Ordinal);
    }
}
