using System.CommandLine;
using LatentOps.Cli.Infrastructure;

namespace LatentOps.Cli.Commands;

/// <summary><c>latentops workspace ...</c>: where the metadata and artifacts live.</summary>
internal static class WorkspaceCommands
{
    public static Command Create(CommandFactory factory)
    {
        var workspace = new Command("workspace", "Create or inspect the workspace (the .latentops/ folder with metadata.db and artifacts/).");

        var info = new Command("info", "Create the workspace if needed and show its folder, database and schema version.");
        factory.SetAction(info, context =>
        {
            var ws = context.Workspace;
            var result = new WorkspaceInfo(ws.Root, ws.DatabasePath, ws.Artifacts.Root, ws.SchemaVersion);
            context.WriteResult(result, output =>
            {
                output.WriteLine($"workspace: {result.Root}");
                output.WriteLine($"database:  {result.Database} (schema version {result.SchemaVersion})");
                output.WriteLine($"artifacts: {result.Artifacts}");
            });
            return Task.FromResult(ExitCodes.Success);
        });
        workspace.Add(info);
        return workspace;
    }

    /// <summary>The result of <c>workspace info</c>.</summary>
    internal sealed record WorkspaceInfo(string Root, string Database, string Artifacts, int SchemaVersion);
}
