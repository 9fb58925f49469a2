namespace LatentOps.Cli.Infrastructure;

/// <summary>
/// What one run of the CLI talks to. The real console in production; writers and a folder in tests,
/// so commands run in-process exactly as a user would run them.
/// </summary>
/// <param name="Out">Standard output: results, and with <c>--json</c> exactly one JSON document.</param>
/// <param name="Error">Standard error: messages, warnings and progress.</param>
/// <param name="CurrentDirectory">Relative paths resolve against this folder.</param>
/// <param name="GetEnvironmentVariable">Reads an environment variable.</param>
/// <param name="ErrorIsTerminal">True when standard error is a terminal, so progress bars may be drawn.</param>
internal sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    string CurrentDirectory,
    Func<string, string?> GetEnvironmentVariable,
    bool ErrorIsTerminal)
{
    /// <summary>The process's console, folder and environment.</summary>
    public static CliEnvironment FromConsole() => new(
        Console.Out,
        Console.Error,
        Directory.GetCurrentDirectory(),
        Environment.GetEnvironmentVariable,
        !Console.IsErrorRedirected);

    /// <summary>Resolves a path the user typed against <see cref="CurrentDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, CurrentDirectory);
}
