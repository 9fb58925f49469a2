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
    public async Task Export_UnknownModel_Exits1NamingIt()
    {
        var result = await _cli.RunAsync("export", "nothing:1", "--out", "x.onnx");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing", result.Error, StringComparison.Ordinal);
    }
}
