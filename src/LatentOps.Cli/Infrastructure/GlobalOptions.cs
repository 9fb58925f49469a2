using System.CommandLine;
using LatentOps.Store.Workspaces;

namespace LatentOps.Cli.Infrastructure;

/// <summary>The options every command takes. Created once per root command.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Workspace { get; } = new("--workspace")
    {
        Description = $"Workspace folder. Default: ${Store.Workspaces.Workspace.EnvironmentVariable}, else {Store.Workspaces.Workspace.DefaultFolderName} in the current folder.",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON document on stdout and nothing else there.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show details of errors (stack traces) and debug output.",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Add(Workspace);
        root.Add(Json);
        root.Add(Verbose);
    }
}
