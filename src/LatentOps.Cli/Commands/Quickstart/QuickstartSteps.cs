using System.Globalization;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Commands.Train;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.References;
using LatentOps.Data.Checks;
using LatentOps.Data.Reading;
using LatentOps.Reports.DataChecks;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Training;
using LatentOps.Store.Datasets;
using LatentOps.Store.Registry;
using LatentOps.Store.Stores;
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

    /// <summary>The self-supervised (SCARF) pre-training run.</summary>
    public string? PretrainRun { get; set; }

    /// <summary>The run whose model is registered: SCARF fine-tuned on the label.</summary>
    public string? ModelRun { get; set; }

    /// <summary>The registered model name.</summary>
    public string ModelName => DatasetName;

    /// <summary>The registered version.</summary>
    public int? ModelVersion { get; set; }
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
        new("pretrain", PretrainAsync),
        new("finetune", FinetuneAsync),
        new("register", RegisterAsync),
    ];

    // Small and few epochs so the quickstart stays well under 5 minutes on 2 cores; 'latentops train'
    // defaults (4 x 256, 64-d, 50 epochs with early stopping) are for real work.
    private static TrainingOptions QuickOptions(TrainingObjective objective) => new()
    {
        Objective = objective,
        Epochs = 6,
        Patience = 3,
        EmbeddingDimension = 32,
        HiddenWidth = 128,
        Depth = 3,
        BatchSize = 256,
        Seed = 42,
    };

    private static async Task<string> PretrainAsync(CommandContext context, QuickstartState state)
    {
        var outcome = await TrainingWorkflow.RunAsync(context, Require(state.Dataset), QuickOptions(TrainingObjective.Scarf), "quickstart", null).ConfigureAwait(false);
        state.PretrainRun = outcome.RunId;
        return outcome.Summary;
    }

    private static async Task<string> FinetuneAsync(CommandContext context, QuickstartState state)
    {
        var outcome = await TrainingWorkflow.RunAsync(context, Require(state.Dataset), QuickOptions(TrainingObjective.Supervised), "quickstart", null, fromRun: state.PretrainRun).ConfigureAwait(false);
        state.ModelRun = outcome.RunId;
        return outcome.Summary + $" (from run {StoreAccess.Short(state.PretrainRun!)}, classes {string.Join('/', outcome.Classes ?? [])})";
    }

    private static async Task<string> RegisterAsync(CommandContext context, QuickstartState state)
    {
        var registry = StoreAccess.Registry(context);
        var version = await registry.RegisterAsync(state.ModelName, Require(state.ModelRun), cancellationToken: context.CancellationToken).ConfigureAwait(false);
        state.ModelVersion = version.Version;
        var promotion = await registry.PromoteAsync(new PromotionRequest(state.ModelName, version.Version), state.Workspace.PromotionGates(), context.CancellationToken).ConfigureAwait(false);
        var verdict = promotion.Promoted
            ? $"promoted to {state.ModelName}@champion"
            : $"kept {state.ModelName}@champion at v{promotion.ChampionVersion} (gates: {string.Join("; ", promotion.Gates.Where(g => !g.Passed).Select(g => g.Detail))})";
        return $"{version.Reference} registered, {verdict}";
    }

    private static T Require<T>(T? value)
        where T : class => value ?? throw new InvalidOperationException("A quickstart stage ran before the stage it depends on.");

    private static async Task<string> IngestAsync(CommandContext context, QuickstartState state)
    {
        var (added, _, _) = await Data.IngestCommand.IngestFileAsync(context, state.SamplePath, state.DatasetName,
            new TableReadOptions { LabelColumn = state.LabelColumn }, new Dictionary<string, string> { ["label"] = state.LabelColumn }, progress: null).ConfigureAwait(false);
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
