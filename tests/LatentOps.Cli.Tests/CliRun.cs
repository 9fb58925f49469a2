using System.CommandLine;
using LatentOps.Cli.Infrastructure;

namespace LatentOps.Cli.Tests;

/// <summary>Runs the CLI in-process exactly as a user would, in a fresh folder, capturing both streams.</summary>
public sealed class CliRun : IDisposable
{
    public CliRun() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "latentops-cli-tests", Guid.NewGuid().ToString("N"));

    public Dictionary<string, string?> Environment { get; } = [];

    internal async Task<CliResult> RunAsync(params string[] args) => await RunAsync(null, args);

    internal async Task<CliResult> RunAsync(Action<RootCommand>? extend, params string[] args) => await RunAsync(extend, TestContext.Current.CancellationToken, args);

    /// <summary>Runs with <paramref name="cancellationToken"/> as the Ctrl+C token (cancel it to press Ctrl+C).</summary>
    internal async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args) => await RunAsync(null, cancellationToken, args);

    private async Task<CliResult> RunAsync(Action<RootCommand>? extend, CancellationToken cancellationToken, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment(output, error, Folder, name => Environment.GetValueOrDefault(name), ErrorIsTerminal: false);
        var root = CliApp.BuildRoot(environment);
        extend?.Invoke(root);
        var exitCode = await CliApp.RunAsync(root, args, environment, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record CliResult(int ExitCode, string Out, string Error);
