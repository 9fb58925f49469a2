using System.Diagnostics;

namespace LatentOps.Cli.Tests;

/// <summary>The exit codes as a shell sees them, from the real built binary.</summary>
public sealed class ProcessExitCodeTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData(0, "workspace", "info")]
    [InlineData(2, "no-such-command")]
    public async Task Process_Arguments_ExitsWithDocumentedCode(int expected, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _cli.Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "latentops.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(expected, process.ExitCode);
    }
}
