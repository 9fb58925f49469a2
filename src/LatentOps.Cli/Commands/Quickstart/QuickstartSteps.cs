using LatentOps.Cli.Infrastructure;
using LatentOps.Store.Workspaces;

namespace LatentOps.Cli.Commands.Quickstart;

/// <summary>What the quickstart stages hand to each other.</summary>
internal sealed class QuickstartState(Workspace workspace, string samplePath)
{
    public Workspace Workspace { get; } = workspace;

    public string SamplePath { get; } = samplePath;
}

/// <summary>One quickstart stage: a name and the work, returning a one-line summary.</summary>
internal sealed record QuickstartStep(string Name, Func<CommandContext, QuickstartState, Task<string>> RunAsync);

/// <summary>
/// The quickstart pipeline in order. Each capability (ingest, check, train, evaluate, register,
/// card) appends its stage here as it lands.
/// </summary>
internal static class QuickstartSteps
{
    public static IReadOnlyList<QuickstartStep> All { get; } =
    [
        new("workspace", (_, state) => Task.FromResult(
            $"{state.Workspace.Root} (schema v{state.Workspace.SchemaVersion}); sample {Path.GetFileName(state.SamplePath)}")),
    ];
}
