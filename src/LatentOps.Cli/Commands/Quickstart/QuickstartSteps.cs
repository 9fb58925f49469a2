using System.Globalization;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.References;
using LatentOps.Data.Checks;
using LatentOps.Data.Reading;
using LatentOps.Reports.DataChecks;
using LatentOps.Store.Datasets;
using LatentOps.Store.Workspaces;

namespace LatentOps.Cli.Commands.Quickstart;

/// <summary>What the quickstart stages hand to each other.</summary>
internal sealed class QuickstartState(Workspace workspace, string samplePath)
{
    public Workspace Workspace { get; } = workspace;

    public string SamplePath { get; } = samplePath;

    /// <summary>The sample's label column.</summary>
    public string LabelColumn { get; } = "Class";

    /// <summary>The dataset name the sample is ingested under.</summary>
    public string DatasetName { get; } = "lending_club";

    /// <summary>The ingested sample (set by the ingest step), e.g. <c>lending_club:1</c>.</summary>
    public DatasetRef? Dataset { get; set; }
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
        new("ingest", IngestAsync),
        new("check", CheckAsync),
    ];

    private static async Task<string> IngestAsync(CommandContext context, QuickstartState state)
    {
        var table = await TableReader.ReadAsync(state.SamplePath, new TableReadOptions { LabelColumn = state.LabelColumn }, context.CancellationToken).ConfigureAwait(false);
        var info = new FileInfo(state.SamplePath);
        var source = new DatasetSource(info.Name, info.FullName, info.Length, await Core.Hashing.ContentHash.OfFileAsync(info.FullName, context.CancellationToken).ConfigureAwait(false), "csv");
        var added = await new DatasetCatalog(state.Workspace).AddVersionAsync(state.DatasetName, table, new DatasetRoles(Label: state.LabelColumn),
            DatasetProvenance.Ingested(source, new Dictionary<string, string> { ["label"] = state.LabelColumn }), cancellationToken: context.CancellationToken).ConfigureAwait(false);
        state.Dataset = added.Version.Ref;
        return string.Create(CultureInfo.InvariantCulture,
            $"{added.Version.Ref} ({added.Version.RowCount:N0} rows x {added.Version.Schema.Count} columns{(added.Created ? string.Empty : ", already stored")})");
    }

    private static async Task<string> CheckAsync(CommandContext context, QuickstartState state)
    {
        var catalog = new DatasetCatalog(state.Workspace);
        var version = await catalog.GetVersionAsync(state.Dataset ?? new DatasetRef(state.DatasetName, null), context.CancellationToken).ConfigureAwait(false);
        var table = await catalog.LoadTableAsync(version, context.CancellationToken).ConfigureAwait(false);
        var report = DataChecker.Run(table, new DataCheckOptions { LabelColumn = state.LabelColumn }, cancellationToken: context.CancellationToken);
        var path = Path.Combine(state.Workspace.Root, "reports", $"{version.Name}-v{version.Version}-check.html");
        await DataCheckReportHtml.Build(report, $"Data check of {version.Ref}").SaveAsync(path, context.CancellationToken).ConfigureAwait(false);
        var top = report.Findings.FirstOrDefault(f => f.Severity != FindingSeverity.Info);
        return $"{report.Errors} errors, {report.Warnings} warnings{(top is null ? string.Empty : $" (e.g. {top.Title})")}; report {path}";
    }
}
