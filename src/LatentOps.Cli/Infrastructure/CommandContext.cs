using System.CommandLine;
using LatentOps.Core.Progress;
using LatentOps.Core.Serialization;
using LatentOps.Store.Workspaces;

namespace LatentOps.Cli.Infrastructure;

/// <summary>
/// Everything a command's action needs: parsed values, the global options, the workspace (opened on
/// first use), output that honours <c>--json</c>, and progress that suits the terminal.
/// </summary>
internal sealed class CommandContext
{
    private readonly GlobalOptions _globals;
    private Workspace? _workspace;

    public CommandContext(ParseResult parseResult, CliEnvironment environment, GlobalOptions globals, CancellationToken cancellationToken)
    {
        ParseResult = parseResult;
        Environment = environment;
        _globals = globals;
        CancellationToken = cancellationToken;
    }

    public ParseResult ParseResult { get; }

    public CliEnvironment Environment { get; }

    public CancellationToken CancellationToken { get; }

    public bool Json => ParseResult.GetValue(_globals.Json);

    public bool Verbose => ParseResult.GetValue(_globals.Verbose);

    public TextWriter Out => Environment.Out;

    public TextWriter Error => Environment.Error;

    /// <summary>The workspace folder this run uses (not opened).</summary>
    public string WorkspaceRoot => Workspace.ResolveRoot(ParseResult.GetValue(_globals.Workspace), Environment.CurrentDirectory, Environment.GetEnvironmentVariable);

    /// <summary>The workspace, created and migrated on first use.</summary>
    public Workspace Workspace => _workspace ??= Workspace.Open(WorkspaceRoot, Environment.GetEnvironmentVariable(Store.Database.MetadataDatabases.StoreEnvironmentVariable));

    public T? Value<T>(Option<T> option) => ParseResult.GetValue(option);

    public T? Value<T>(Argument<T> argument) => ParseResult.GetValue(argument);

    /// <summary>
    /// Prints a command's result: the record as JSON with <c>--json</c>, else the human rendering.
    /// </summary>
    public void WriteResult<T>(T result, Action<TextWriter> human)
    {
        if (Json)
        {
            Out.WriteLine(LatentOpsJson.Serialize(result));
        }
        else
        {
            human(Out);
        }
    }

    /// <summary>A note for the user on stderr (kept off stdout so <c>--json</c> output stays one document).</summary>
    public void Note(string message) => Error.WriteLine(message);

    /// <summary>A warning on stderr.</summary>
    public void Warn(string message) => Error.WriteLine($"warning: {message}");

    /// <summary>
    /// Runs long work with a progress display on stderr: a live bar on a terminal, plain lines at a
    /// steady pace elsewhere (CI logs stay readable).
    /// </summary>
    public Task<T> WithProgressAsync<T>(string title, Func<IProgress<ProgressUpdate>, Task<T>> work) =>
        Environment.ErrorIsTerminal
            ? TerminalProgress.RunAsync(Environment.Error, title, work)
            : PlainProgress.RunAsync(Environment.Error, title, work);
}
