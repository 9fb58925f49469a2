using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Governance.Datasheets;
using LatentOps.Governance.Nist;
using LatentOps.Governance.Sections;
using LatentOps.Learning.Packaging;
using LatentOps.Store.Audit;
using LatentOps.Store.Datasets;
using LatentOps.Store.Registry;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

namespace LatentOps.Governance.Cards;

/// <summary>
/// Assembles a <see cref="ModelCard"/> for a registered model version from what the workspace
/// recorded: the registry (version, aliases, alias history), the model package's manifest (signature),
/// the training run (parameters, metrics, commit, data versions, parent run), the dataset catalog and
/// data checks, the latest evaluation run (experiment <c>evaluation</c>, tag <c>latentops.model</c>),
/// monitoring runs (experiment <c>monitoring</c>) and <c>monitor.decision</c> audit events, plus the
/// written sections file (<see cref="WrittenSections"/>).
/// </summary>
public static class ModelCardBuilder
{
    /// <summary>The experiment evaluation runs are recorded in.</summary>
    public const string EvaluationExperiment = "evaluation";

    /// <summary>The experiment monitoring runs are recorded in.</summary>
    public const string MonitoringExperiment = "monitoring";

    /// <summary>The run tag naming the model version a run is about (<c>NAME:VERSION</c>).</summary>
    public const string ModelTag = "latentops.model";

    /// <summary>The audit action of a retraining-loop decision.</summary>
    public const string DecisionAction = "monitor.decision";

    /// <summary>The path of a model's written sections: <c>&lt;workspace&gt;/governance/cards/&lt;name&gt;.md</c>.</summary>
    public static string WrittenSectionsPath(Workspace workspace, string modelName)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return WrittenSections.PathFor(workspace.Root, WrittenSections.CardsKind, modelName);
    }

    /// <summary>Builds the card of the version <paramref name="reference"/> points at.</summary>
    /// <exception cref="LatentOpsException"><c>NotFound</c> when the model or version does not exist; <c>InvalidInput</c> when the written-sections file is malformed (naming the line).</exception>
    public static async Task<ModelCard> BuildAsync(Workspace workspace, ModelRef reference, ModelCardOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(reference);
        options ??= new ModelCardOptions();
        options.Validate();
        var registry = workspace.Registry();
        var tracking = workspace.Tracking();
        var audit = workspace.Audit();
        var version = await registry.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        var model = await registry.GetModelAsync(version.Name, cancellationToken).ConfigureAwait(false);
        var versionText = version.Version.ToString(CultureInfo.InvariantCulture);

        var details = ReadDetails(workspace, version, model);
        var (lineage, datasets) = await ReadLineageAsync(registry, tracking, version, cancellationToken).ConfigureAwait(false);
        var trainingData = await ReadTrainingDataAsync(workspace, datasets, options.RunDataChecks, cancellationToken).ConfigureAwait(false);
        var evaluation = await ReadEvaluationAsync(workspace, tracking, version.Reference, cancellationToken).ConfigureAwait(false);
        var monitoring = await ReadMonitoringAsync(registry, tracking, audit, version, options.MaxEvents, cancellationToken).ConfigureAwait(false);

        var path = WrittenSectionsPath(workspace, version.Name);
        var written = options.EnsureWrittenSectionsFile
            ? await WrittenSections.EnsureAsync(path, $"Model card of {version.Name}: written sections", ModelCardSections.Templates, cancellationToken).ConfigureAwait(false)
            : WrittenSections.Read(path, ModelCardSections.Templates);

        var verification = await audit.VerifyAsync(cancellationToken).ConfigureAwait(false);
        var registered = await audit.ListAsync(new AuditQuery { ActionPrefix = "model.register", Subject = version.Reference, Limit = 1 }, cancellationToken).ConfigureAwait(false);
        var nist = NistAssessor.Assess(new NistAssessor.Inputs(
            details, lineage, trainingData, evaluation, monitoring, written, verification, registered.Count > 0, workspace.PromotionGates().Rules.Count, workspace.Root));

        return new ModelCard($"{version.Name}:{versionText}", reference.ToString(), details, lineage, trainingData, evaluation, monitoring, written, nist, DateTimeOffset.UtcNow);
    }

    private static ModelCardDetails ReadDetails(Workspace workspace, ModelVersion version, ModelDetails model)
    {
        ModelManifest? manifest = null;
        string? problem = null;
        if (!workspace.Artifacts.Exists(version.PackageHash))
        {
            problem = $"The model package (sha256 {version.PackageHash}) is not in the workspace's artifacts folder.";
        }
        else
        {
            try
            {
                manifest = ModelPackage.ReadManifest(workspace.Artifacts.GetPath(version.PackageHash));
            }
            catch (LatentOpsException ex)
            {
                problem = ex.Message;
            }
        }

        var stage = version.Aliases.Count > 0 ? string.Join(", ", version.Aliases)
            : version.Version == model.Model.LatestVersion ? "latest (no alias)"
            : "archived (an older version without alias)";
        var embedding = manifest?.Signature.Outputs.FirstOrDefault(o => o.Name.Contains("embedding", StringComparison.OrdinalIgnoreCase))?.Shape.LastOrDefault();
        return new ModelCardDetails(
            version.Name,
            version.Version,
            version.Aliases,
            model.Model.Aliases,
            model.Model.LatestVersion,
            stage,
            version.CreatedAt,
            version.CreatedBy,
            version.PackageHash,
            manifest?.Objective.ToString().ToLowerInvariant(),
            manifest?.LabelColumn,
            manifest?.Classes,
            manifest is null ? null : embedding is > 0 ? embedding : manifest.Architecture.EmbeddingDimension,
            manifest?.Signature.Inputs ?? [],
            manifest?.Signature.Outputs ?? [],
            problem);
    }

    private static async Task<(ModelCardLineage? Lineage, IReadOnlyList<RunDataset> Datasets)> ReadLineageAsync(IModelRegistry registry, ITrackingStore tracking, ModelVersion version, CancellationToken cancellationToken)
    {
        Run run;
        try
        {
            run = await tracking.GetRunAsync(version.RunId, cancellationToken).ConfigureAwait(false);
        }
        catch (LatentOpsException ex) when (ex.Code == ErrorCode.NotFound)
        {
            return (null, []);
        }

        var lineage = await registry.GetLineageAsync(version.Name, version.Version, cancellationToken).ConfigureAwait(false);
        var parentId = run.Tags.GetValueOrDefault("finetunedFrom") ?? run.Tags.GetValueOrDefault("latentops.parentRun") ?? run.Params.GetValueOrDefault("from");
        string? parentText = null;
        if (parentId is not null)
        {
            try
            {
                var parent = await tracking.GetRunAsync(await tracking.ResolveRunIdAsync(parentId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                parentId = parent.Info.RunId;
                var data = string.Join(", ", parent.Datasets.Select(d => $"{d.Name}:{d.Version.ToString(CultureInfo.InvariantCulture)}"));
                parentText = $"run {parent.Info.RunId[..8]} in experiment {parent.Info.Experiment}: {parent.Tags.GetValueOrDefault("objective") ?? parent.Params.GetValueOrDefault("objective") ?? "training"}"
                    + (data.Length > 0 ? $" on {data}" : string.Empty) + $", {parent.Info.Status.ToString().ToLowerInvariant()}";
            }
            catch (LatentOpsException ex) when (ex.Code is ErrorCode.NotFound or ErrorCode.InvalidInput)
            {
                parentText = "the run is no longer in the store";
            }
        }

        var info = run.Info;
        return (new ModelCardLineage(
            info.RunId, info.Experiment, info.Name, info.Status.ToString().ToLowerInvariant(), info.StartTime, info.EndTime, info.CreatedBy, info.SourceCommit,
            lineage.Params, lineage.Metrics, run.Tags, parentId, parentText), lineage.Datasets);
    }

    private static async Task<IReadOnlyList<CardDataset>> ReadTrainingDataAsync(Workspace workspace, IReadOnlyList<RunDataset> datasets, bool runChecks, CancellationToken cancellationToken)
    {
        var catalog = new DatasetCatalog(workspace);
        var result = new List<CardDataset>();
        foreach (var used in datasets)
        {
            var reference = $"{used.Name}:{used.Version.ToString(CultureInfo.InvariantCulture)}";
            DatasetVersion version;
            try
            {
                version = await catalog.GetVersionAsync(new DatasetRef(used.Name, used.Version), cancellationToken).ConfigureAwait(false);
            }
            catch (LatentOpsException ex) when (ex.Code == ErrorCode.NotFound)
            {
                result.Add(new CardDataset(used.Role, reference, used.ContentHash, null, null,
                    $"not in the catalog{(used.Source is null ? string.Empty : $"; the run recorded source {used.Source}")}", null));
                continue;
            }

            var checks = runChecks ? await DataCheckRunner.RunAsync(catalog, version, cancellationToken).ConfigureAwait(false) : null;
            result.Add(new CardDataset(used.Role, reference, version.ContentHash, version.RowCount, version.Schema.Count, DataCheckRunner.Describe(version), checks));
        }

        return result;
    }

    /// <summary>Runs of <paramref name="experiment"/> about <paramref name="reference"/> (tag <c>latentops.model</c>, or <c>model</c>), newest first.</summary>
    internal static async Task<IReadOnlyList<Run>> RunsAboutAsync(ITrackingStore tracking, string experiment, string reference, CancellationToken cancellationToken)
    {
        var experiments = await tracking.ListExperimentsAsync(cancellationToken).ConfigureAwait(false);
        if (!experiments.Any(e => e.Name == experiment))
        {
            return [];
        }

        var runs = await tracking.SearchRunsAsync(new RunQuery { Experiment = experiment, MaxResults = 100000 }, cancellationToken).ConfigureAwait(false);
        return runs.Where(r => (r.Tags.GetValueOrDefault(ModelTag) ?? r.Tags.GetValueOrDefault("model")) == reference)
            .OrderByDescending(r => r.Info.StartTime)
            .ToList();
    }

    private static async Task<ModelCardEvaluation?> ReadEvaluationAsync(Workspace workspace, ITrackingStore tracking, string reference, CancellationToken cancellationToken)
    {
        var runs = await RunsAboutAsync(tracking, EvaluationExperiment, reference, cancellationToken).ConfigureAwait(false);
        var latest = runs.FirstOrDefault(r => r.Info.Status == RunStatus.Finished);
        return latest is null ? null : await EvaluationReader.ReadAsync(workspace.Artifacts, latest, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ModelCardMonitoring> ReadMonitoringAsync(IModelRegistry registry, ITrackingStore tracking, IAuditLog audit, ModelVersion version, int maxEvents, CancellationToken cancellationToken)
    {
        var runs = await RunsAboutAsync(tracking, MonitoringExperiment, version.Reference, cancellationToken).ConfigureAwait(false);
        var latest = runs.FirstOrDefault(r => r.Info.Status == RunStatus.Finished) ?? runs.FirstOrDefault();
        var metrics = latest?.Metrics ?? new Dictionary<string, double>();
        var estimated = metrics.Where(m => m.Key.StartsWith("estimated.", StringComparison.Ordinal) && !double.IsNaN(m.Value))
            .ToDictionary(m => m.Key["estimated.".Length..], m => m.Value, StringComparer.Ordinal);

        var events = await audit.ListAsync(new AuditQuery { ActionPrefix = DecisionAction, Limit = 1000 }, cancellationToken).ConfigureAwait(false);
        var decisions = events.Where(e => IsAbout(e, version.Name))
            .Take(maxEvents)
            .Select(e => new MonitoringDecision(e.At, e.Actor, e.Details.GetValueOrDefault("decision") ?? e.Details.GetValueOrDefault("action") ?? "decision",
                e.Details.GetValueOrDefault("reason"), e.Details.GetValueOrDefault("policy"), e.Details.GetValueOrDefault("newVersion") ?? e.Details.GetValueOrDefault("new_version")))
            .ToList();
        var moves = (await registry.GetAliasHistoryAsync(version.Name, null, cancellationToken).ConfigureAwait(false))
            .OrderByDescending(m => m.Id)
            .Take(maxEvents)
            .Select(m => new CardAliasMove(m.At, m.Alias, m.FromVersion, m.ToVersion, m.Kind, m.Actor, m.Reason))
            .ToList();
        return new ModelCardMonitoring(
            latest?.Info.RunId,
            latest?.Info.StartTime,
            Metric(metrics, "drift.share"),
            Metric(metrics, "drift.embedding_score"),
            estimated,
            runs.Count,
            decisions,
            moves);
    }

    private static bool IsAbout(AuditEntry entry, string model)
    {
        static bool Names(string? text, string model) =>
            text is not null && (text == model || text.StartsWith(model + ":", StringComparison.Ordinal) || text.StartsWith(model + "@", StringComparison.Ordinal));
        return Names(entry.Subject, model) || Names(entry.Details.GetValueOrDefault("model"), model) || Names(entry.Details.GetValueOrDefault("modelRef"), model)
            || Names(entry.Details.GetValueOrDefault("model_ref"), model);
    }

    private static double? Metric(IReadOnlyDictionary<string, double> metrics, string key) =>
        metrics.TryGetValue(key, out var value) && !double.IsNaN(value) ? value : null;
}
