using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands;

public sealed class QuickstartCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Quickstart_FreshFolder_Exits0AndLeavesWorkspace()
    {
        var result = await _cli.RunAsync("quickstart");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(_cli.Folder, ".latentops", "metadata.db")));
        Assert.Contains("Quickstart finished", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quickstart_Json_PrintsOneDocumentListingEachStep()
    {
        var result = await _cli.RunAsync("quickstart", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        Assert.NotEmpty(document.RootElement.GetProperty("steps").EnumerateArray());
    }

    [Fact]
    public async Task Quickstart_RunTwice_SucceedsBothTimes()
    {
        Assert.Equal(0, (await _cli.RunAsync("quickstart")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("quickstart")).ExitCode);
    }
}
