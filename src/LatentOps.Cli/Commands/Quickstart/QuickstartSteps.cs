using System.Globalization;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Commands.Train;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.References;
using LatentOps.Data.Checks;
using LatentOps.Data.Reading;
using LatentOps.Data.Splitting;
using LatentOps.Evaluation.Probes;
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

    /// <summary>The training part of the stratified split (set by the split step).</summary>
    public DatasetRef? TrainDataset { get; set; }

    /// <summary>The held-out test part the model is evaluated on.</summary>
    public DatasetRef? TestDataset { get; set; }

    /// <summary>The HTML report of the model's evaluation.</summary>
    public string? EvaluationReport { get; set; }

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
        new("split", SplitAsync),
        new("pretrain", PretrainAsync),
        new("finetune", FinetuneAsync),
        new("register", RegisterAsync),
        new("evaluate", EvaluateAsync),
        new("promote", PromoteAsync),
    ];

    /// <summary>The gate the quickstart writes into a workspace that has no config.json: held-out ROC-AUC no worse than the champion's by more than 0.02.</summary>
    private const string DefaultGates = """
        {
          "registry": {
            "gates": [
              { "metric": "rocAucScore", "vsChampion": true, "tolerance": 0.02 }
            ]
          }
        }
        """;

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
        var outcome = await TrainingWorkflow.RunAsync(context, Require(state.TrainDataset), QuickOptions(TrainingObjective.Scarf), "quickstart", null).ConfigureAwait(false);
        state.PretrainRun = outcome.RunId;
        return outcome.Summary;
    }

    private static async Task<string> FinetuneAsync(CommandContext context, QuickstartState state)
    {
        var outcome = await TrainingWorkflow.RunAsync(context, Require(state.TrainDataset), QuickOptions(TrainingObjective.Supervised), "quickstart", null, fromRun: state.PretrainRun).ConfigureAwait(false);
        state.ModelRun = outcome.RunId;
        return outcome.Summary + $" (from run {StoreAccess.Short(state.PretrainRun!)}, classes {string.Join('/', outcome.Classes ?? [])})";
    }

    private static async Task<string> RegisterAsync(CommandContext context, QuickstartState state)
    {
        var version = await StoreAccess.Registry(context).RegisterAsync(state.ModelName, Require(state.ModelRun), cancellationToken: context.CancellationToken).ConfigureAwait(false);
        state.ModelVersion = version.Version;
        return $"{version.Reference} registered from run {StoreAccess.Short(version.RunId)}";
    }

    // A short evaluation (fewer resamples, no dropped-feature sweep) so the quickstart stays fast;
    // 'latentops evaluate model' defaults are for real work.
    private static async Task<string> EvaluateAsync(CommandContext context, QuickstartState state)
    {
        var outcome = await Evaluate.ModelEvaluationWorkflow.RunAsync(context, new Evaluate.ModelEvaluationSettings
        {
            Model = $"{state.ModelName}:{state.ModelVersion!.Value.ToString(CultureInfo.InvariantCulture)}",
            Data = Require(state.TestDataset),
            Train = state.TrainDataset,
            Slices = ["term"],
            Bootstrap = 200,
            DropFeatures = false,
            Epsilons = [0, 0.05, 0.1, 0.25],
            ProbeRows = 1500,
            Probe = new LinearProbeOptions { CandidateCs = [0.1, 1], Folds = 3 },
        }).ConfigureAwait(false);
        state.EvaluationReport = outcome.Report;
        var auc = outcome.Evaluation.Evaluation.Headline.First(h => h.Metric == "rocAucScore");
        return string.Create(CultureInfo.InvariantCulture,
            $"ROC-AUC {auc.Value:0.000} (95% CI {auc.Lower:0.000} to {auc.Upper:0.000}) on {outcome.Dataset}; report {outcome.Report}");
    }

    private static async Task<string> PromoteAsync(CommandContext context, QuickstartState state)
    {
        var config = Path.Combine(state.Workspace.Root, PromotionGates.ConfigFileName);
        var wroteGates = false;
        if (!File.Exists(config))
        {
            await File.WriteAllTextAsync(config, DefaultGates + Environment.NewLine, context.CancellationToken).ConfigureAwait(false);
            wroteGates = true;
        }

        var promotion = await StoreAccess.Registry(context).PromoteAsync(new PromotionRequest(state.ModelName, state.ModelVersion!.Value), state.Workspace.PromotionGates(), context.CancellationToken).ConfigureAwait(false);
        var gates = string.Join("; ", promotion.Gates.Select(g => $"{g.Rule}: {g.Detail}"));
        var verdict = promotion.Promoted
            ? $"{state.ModelName}:{state.ModelVersion} promoted to {state.ModelName}@champion"
            : $"kept {state.ModelName}@champion at v{promotion.ChampionVersion}";
        return verdict + (gates.Length == 0 ? string.Empty : $" (gates: {gates})") + (wroteGates ? $"; default gate written to {config}" : string.Empty);
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

    private static async Task<string> SplitAsync(CommandContext context, QuickstartState state)
    {
        var catalog = new DatasetCatalog(state.Workspace);
        var version = await catalog.GetVersionAsync(Require(state.Dataset), context.CancellationToken).ConfigureAwait(false);
        var table = await catalog.LoadTableAsync(version, context.CancellationToken).ConfigureAwait(false);
        var options = new SplitOptions { Method = SplitMethod.Stratified, Column = state.LabelColumn, TestFraction = 0.2, Seed = 42 };
        var split = TableSplitter.Split(table, options);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["split"] = string.Create(CultureInfo.InvariantCulture, $"{version.Ref}/stratified/{state.LabelColumn}/{options.TestFraction}/0/{options.Seed}"),
            ["by"] = "stratified",
            ["column"] = state.LabelColumn,
            ["test"] = options.TestFraction.ToString(CultureInfo.InvariantCulture),
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
        };
        var parts = new List<string>();
        foreach (var part in split.Parts)
        {
            var added = await catalog.AddVersionAsync($"{version.Name}-{part.Name}", part.Table, version.Roles,
                DatasetProvenance.Derived(new DatasetTransform("split", new Dictionary<string, string>(parameters) { ["part"] = part.Name })), [version.Ref], context.CancellationToken).ConfigureAwait(false);
            if (part.Name == "train")
            {
                state.TrainDataset = added.Version.Ref;
            }
            else if (part.Name == "test")
            {
                state.TestDataset = added.Version.Ref;
            }

            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{added.Version.Ref} {part.Rows.Count:N0} rows"));
        }

        return $"stratified by {state.LabelColumn}, seed {options.Seed}: {string.Join(", ", parts)}";
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
