using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands;

public sealed class WorkspaceCommandsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Info_WorkspaceFlag_UsesThatFolder()
    {
        var result = await _cli.RunAsync("workspace", "info", "--workspace", "elsewhere", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal(Path.Combine(_cli.Folder, "elsewhere"), document.RootElement.GetProperty("root").GetString());
    }

    [Fact]
    public async Task Info_EnvironmentVariable_UsedWhenNoFlag()
    {
        _cli.Environment["LATENTOPS_WORKSPACE"] = "from-env";

        var result = await _cli.RunAsync("workspace", "info", "--json");

        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal(Path.Combine(_cli.Folder, "from-env"), document.RootElement.GetProperty("root").GetString());
    }

    [Fact]
    public async Task Info_CorruptDatabase_Exits1WithClearMessage()
    {
        Directory.CreateDirectory(Path.Combine(_cli.Folder, ".latentops"));
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, ".latentops", "metadata.db"), new string('x', 4096), TestContext.Current.CancellationToken);

        var result = await _cli.RunAsync("workspace", "info");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("corrupt", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
