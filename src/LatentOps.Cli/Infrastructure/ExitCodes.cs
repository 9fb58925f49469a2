namespace LatentOps.Cli.Infrastructure;

/// <summary>The exit codes scripts rely on (DESIGN.md, "The command line").</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>A user error: bad data, unknown name, refused state change. The message says what and where.</summary>
    public const int UserError = 1;

    /// <summary>A usage error: unknown command, bad or missing flag.</summary>
    public const int UsageError = 2;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
