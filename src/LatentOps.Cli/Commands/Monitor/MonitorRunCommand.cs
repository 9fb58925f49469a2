using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Core.Serialization;
using LatentOps.Core.Tables;
using LatentOps.Learning.Packaging;
using LatentOps.Cli.Commands.Train;
using LatentOps.Data.Splitting;
using LatentOps.Learning.Training;
using LatentOps.Monitoring.Drift.Embeddings;
using LatentOps.Monitoring.Policy;
using LatentOps.Monitoring.Screening;
using LatentOps.Store.Audit;
using LatentOps.Store.Datasets;
using LatentOps.Store.Registry;
using LatentOps.Store.Requests;
using LatentOps.Store.Stores;

namespace LatentOps.Cli.Commands.Monitor;

/// <summary>
/// <c>latentops monitor run --policy FILE [--once] [--dry-run]</c>: the closed loop. Each pass reads the
/// policy, monitors the champion on its request-log window (drift, CBPE, realised accuracy), decides
/// (<see cref="DecisionEngine"/>) and acts through <see cref="RetrainingLoop"/>: retrain with the
/// champion's settings on its training data plus the policy's new data (or the new data only, per
/// <c>trainingData</c>), evaluate both models on held-out new rows with every metric, promote through
/// the registry gates, or roll back. Every decision is a <c>monitor.decision</c> audit entry. Re-running with
/// nothing new does nothing new: a rollback leaves no promotion to undo, and new data already used to
/// train a candidate for the same champion is not trained on again.
/// </summary>
internal static class MonitorRunCommand
{
    public static Command Create(CommandFactory factory)
    {
        var policyOption = new Option<string>("--policy") { Description = "The retraining policy (YAML, or JSON when it ends in .json); see docs/monitoring.md.", Required = true };
        var once = new Option<bool>("--once") { Description = "Run one pass and exit (default: a pass every --interval until Ctrl+C)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Decide and report only: no training, no alias move, no audit entry." };
        var interval = new Option<string>("--interval") { Description = "Time between passes without --once (e.g. 1h, 30m).", DefaultValueFactory = _ => "1h" };
        var command = new Command("run", "The retraining loop: monitor the policy's model, decide (keep, retrain or roll back) and act, recording every decision in the audit log.")
        {
            policyOption, once, dryRun, interval,
        };
        factory.SetAction(command, async context =>
        {
            var path = Path.GetFullPath(context.Value(policyOption)!, context.Environment.CurrentDirectory);
            var policy = PolicyLoader.Load(path);
            var every = PolicyLoader.ParseDuration(context.Value(interval) ?? "1h")
                ?? throw LatentOpsException.InvalidInput($"--interval '{context.Value(interval)}' is not a duration; use e.g. 1h or 30m.");
            while (true)
            {
                var result = await PassAsync(context, policy, context.Value(dryRun)).ConfigureAwait(false);
                context.WriteResult(result, o => Print(o, result));
                if (context.Value(once) || context.Value(dryRun))
                {
                    return ExitCodes.Success;
                }

                try
                {
                    await Task.Delay(every, context.CancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return ExitCodes.Success;
                }
            }
        });
        return command;
    }

    private static void Print(TextWriter o, MonitorRunResult result)
    {
        o.WriteLine($"{result.Model}@{result.Alias}: champion version {result.ChampionVersion}; decision {result.Decision.Action.ToString().ToLowerInvariant()}{(result.Executed ? string.Empty : " (dry run)")}");
        foreach (var rule in result.Decision.Rules)
        {
            o.WriteLine($"  {(rule.Fired ? "FIRED" : "-    ")} {rule.Rule,-34} {rule.Reason}");
        }

        foreach (var step in result.Steps)
        {
            o.WriteLine($"  > {step}");
        }

        if (result.Candidate is { } candidate)
        {
            o.WriteLine($"  held-out comparison on {candidate.HoldoutData} ({candidate.HoldoutRows} rows), candidate version {candidate.Version} vs champion version {result.ChampionVersion}:");
            foreach (var metric in candidate.CandidateMetrics.Keys.Union(candidate.ChampionMetrics.Keys).Where(k => !k.Contains('.', StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                o.WriteLine($"    {metric,-36} {candidate.CandidateScore(metric),10:0.0000} {candidate.ChampionScore(metric),10:0.0000}");
            }
        }

        foreach (var gate in result.Gates)
        {
            o.WriteLine($"  gate {(gate.Passed ? "pass" : "FAIL")} {gate.Rule} ({gate.Detail})");
        }

        foreach (var note in result.Notes)
        {
            o.WriteLine($"  note: {note}");
        }

        o.WriteLine($"{result.Model}@{result.Alias} now serves version {result.AliasVersion}.");
    }

    internal static async Task<MonitorRunResult> PassAsync(CommandContext context, RetrainingPolicy policy, bool dryRun)
    {
        var ct = context.CancellationToken;
        var workspace = context.Workspace;
        var registry = StoreAccess.Registry(context);
        var champion = await registry.ResolveAsync(new ModelRef(policy.Model, null, policy.Alias), ct).ConfigureAwait(false);
        var notes = new List<string>();
        var now = DateTimeOffset.UtcNow;

        // Monitoring of the champion on its window.
        ModelDriftResult? drift = null;
        try
        {
            drift = await context.WithProgressAsync($"monitor {champion.Reference}", progress =>
                ModelMonitor.RunAsync(context, new ModelRef(champion.Name, champion.Version, null), policy.Window, null, null, progress)).ConfigureAwait(false);
        }
        catch (LatentOpsException ex) when (ex.Code == ErrorCode.InvalidState)
        {
            notes.Add(ex.Message);
        }

        // Realised accuracy of what was served: the champion since it got the alias, and the version before it.
        var history = await registry.GetAliasHistoryAsync(policy.Model, policy.Alias, ct).ConfigureAwait(false);
        var last = history.Count == 0 ? null : history[^1];
        int? previous = last is { Kind: "promote" or "force" or "set", FromVersion: { } from } && last.ToVersion == champion.Version ? from : null;
        var log = workspace.Requests();
        var (championRealised, championLabelled) = await RealisedAsync(log, policy.Model, champion.Version, last?.At, ct).ConfigureAwait(false);
        var (previousRealised, _) = previous is { } p
            ? await RealisedAsync(log, policy.Model, p, null, ct).ConfigureAwait(false)
            : (null, 0);

        // New data for retraining.
        var catalog = new DatasetCatalog(workspace);
        DatasetVersion? data = null;
        var newRows = 0;
        if (policy.Data is { } dataText)
        {
            data = await catalog.GetVersionAsync(DatasetRef.Parse(dataText), ct).ConfigureAwait(false);
            var lineage = await registry.GetLineageAsync(champion.Name, champion.Version, ct).ConfigureAwait(false);
            var trainedOn = ModelMonitor.TrainingData(lineage);
            newRows = trainedOn is not null && (trainedOn == data.Ref || await DerivedFromAsync(catalog, trainedOn, data.Ref, ct).ConfigureAwait(false)) ? 0 : data.RowCount;
        }
        else
        {
            notes.Add("The policy has no 'data:' (new training data): it can roll back but not retrain.");
        }

        var snapshot = new MonitoringSnapshot(
            now,
            champion.Version,
            champion.CreatedAt,
            drift?.ReferenceAccuracy,
            newRows,
            DatasetDrift: drift?.Features.DatasetDrift,
            DriftedShare: drift?.Features.DriftedShare,
            EmbeddingDriftPValue: drift?.Embedding?.Test.PValue,
            EstimatedAccuracy: drift?.Performance?.EstimatedAccuracyScore,
            RealisedAccuracy: championRealised,
            RealisedLabelledRows: championLabelled,
            PreviousVersion: previous,
            PreviousVersionRealisedAccuracy: previousRealised,
            ChampionReferenceSource: drift?.ReferenceAccuracySource);
        var decision = DecisionEngine.Decide(policy, snapshot);
        var audit = new AuditSink(StoreAccess.Audit(context), StoreAccess.Actor(context), data?.Ref.ToString());
        var loopPolicy = policy;
        if (data is not null)
        {
            loopPolicy = Copy(policy);
            loopPolicy.Data = data.Ref.ToString();
        }

        LoopOutcome outcome;
        if (decision.Action == RetrainingAction.Retrain && !dryRun && data is not null
            && await AlreadyTriedAsync(StoreAccess.Audit(context), policy.Model, champion.Version, data.Ref.ToString(), ct).ConfigureAwait(false) is { } tried)
        {
            var reason = $"Keep the champion: new data {data.Ref} was already used to train candidate version {tried} for champion version {champion.Version}; nothing new to train on.";
            var kept = new RetrainingDecision(RetrainingAction.Keep, reason, decision.Rules);
            await audit.RecordAsync("monitor.decision", policy.Model, reason, new Dictionary<string, string>
            {
                ["policy"] = policy.Source ?? policy.Model,
                ["decision"] = "keep",
                ["reason"] = reason,
                ["model"] = champion.Reference,
                ["alias"] = policy.Alias,
                ["outcome"] = "skipped: already retrained on this data",
                ["rulesFired"] = string.Join(",", decision.Fired.Select(r => r.Rule)),
            }, ct).ConfigureAwait(false);
            outcome = new LoopOutcome(kept, true, null, false, null, [reason]);
        }
        else
        {
            IReadOnlyCollection<int> excluded = decision.Action == RetrainingAction.Retrain && !dryRun && data is not null
                ? await ScreenAsync(context, policy, champion, data, notes).ConfigureAwait(false)
                : [];
            var loop = new RetrainingLoop(new Retrainer(context, champion, data), new RegistryGate(context), audit);
            outcome = await loop.RunAsync(loopPolicy, snapshot, excluded, dryRun, ct).ConfigureAwait(false);
        }

        var aliasNow = await registry.ResolveAsync(new ModelRef(policy.Model, null, policy.Alias), ct).ConfigureAwait(false);
        return new MonitorRunResult(
            policy.Source ?? policy.Model,
            policy.Model,
            policy.Alias,
            champion.Version,
            drift?.RunId,
            snapshot,
            outcome.Decision,
            outcome.Executed,
            outcome.Candidate,
            outcome.Promoted,
            outcome.RolledBackTo,
            outcome.Steps,
            outcome.Gates ?? [],
            notes,
            aliasNow.Version);
    }

    /// <summary>Accuracy of the labels the server returned (predict requests) against feedback labels.</summary>
    private static async Task<(double? Accuracy, int Labelled)> RealisedAsync(RequestLog log, string model, int version, DateTimeOffset? since, CancellationToken ct)
    {
        var requests = (await log.ListAsync(new RequestLogQuery { Model = model, Version = version, Since = since }, ct).ConfigureAwait(false))
            .Where(r => r.Endpoint == "predict").ToDictionary(r => r.RequestId, StringComparer.Ordinal);
        if (requests.Count == 0)
        {
            return (null, 0);
        }

        var feedback = await log.ListFeedbackAsync(requests.Keys, ct).ConfigureAwait(false);
        var predicted = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int correct = 0, labelled = 0;
        foreach (var f in feedback)
        {
            if (!predicted.TryGetValue(f.RequestId, out var labels))
            {
                using var document = JsonDocument.Parse(requests[f.RequestId].Outputs);
                labels = [.. document.RootElement.EnumerateArray().Select(e => e.GetProperty("label").GetString() ?? string.Empty)];
                predicted[f.RequestId] = labels;
            }

            if (f.Row < labels.Length)
            {
                labelled++;
                correct += string.Equals(labels[f.Row], f.Label, StringComparison.Ordinal) ? 1 : 0;
            }
        }

        return labelled == 0 ? (null, 0) : (correct / (double)labelled, labelled);
    }

    /// <summary>True when <paramref name="trainedOn"/> was derived (e.g. a retraining split) from <paramref name="data"/>.</summary>
    private static async Task<bool> DerivedFromAsync(DatasetCatalog catalog, DatasetRef trainedOn, DatasetRef data, CancellationToken ct)
    {
        var lineage = await catalog.GetLineageAsync(trainedOn, ct).ConfigureAwait(false);
        return lineage.Ancestors.Any(e => e.Parent == data);
    }

    private static async Task<int?> AlreadyTriedAsync(IAuditLog audit, string model, int champion, string data, CancellationToken ct)
    {
        var entries = await audit.ListAsync(new AuditQuery { ActionPrefix = "monitor.decision", Subject = model, Limit = 1000 }, ct).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            if (entry.Details.GetValueOrDefault("data") == data
                && entry.Details.GetValueOrDefault("model") == $"{model}:{champion.ToString(CultureInfo.InvariantCulture)}"
                && entry.Details.GetValueOrDefault("newVersion") is { } candidate
                && entry.Details.GetValueOrDefault("decision") == "retrain")
            {
                return int.Parse(candidate, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static async Task<IReadOnlyCollection<int>> ScreenAsync(CommandContext context, RetrainingPolicy policy, ModelVersion champion, DatasetVersion data, List<string> notes)
    {
        if (!policy.Screening.ExcludeOutliers && !policy.Screening.ExcludeSuspectedLabelFlips)
        {
            return [];
        }

        var ct = context.CancellationToken;
        var catalog = new DatasetCatalog(context.Workspace);
        var lineage = await StoreAccess.Registry(context).GetLineageAsync(champion.Name, champion.Version, ct).ConfigureAwait(false);
        if (ModelMonitor.TrainingData(lineage) is not { } trainedOn)
        {
            notes.Add("Screening skipped: the champion has no training dataset in its lineage.");
            return [];
        }

        using var model = ModelPackage.Load(context.Workspace.Artifacts.GetPath(champion.PackageHash));
        var reference = await catalog.LoadTableAsync(trainedOn, ct).ConfigureAwait(false);
        var candidate = await catalog.LoadTableAsync(data, ct).ConfigureAwait(false);
        var sample = Enumerable.Range(0, Math.Min(reference.RowCount, 2000)).ToArray();
        var referenceEmbeddings = model.Embed(reference.Take(sample));
        var candidateEmbeddings = model.Embed(candidate);
        int[]? labels = null;
        if (model.LabelColumn is { } label && model.Classes is { } classes && candidate.TryGetColumn(label, out var column))
        {
            labels = [.. Enumerable.Range(0, candidate.RowCount).Select(r => column.GetValue(r) is { } v ? classes.ToList().IndexOf(Convert.ToString(v, CultureInfo.InvariantCulture)!) : -1)];
        }

        var screening = new TrainingDataScreener().Screen(
            new EmbeddingMatrix(referenceEmbeddings.Values, referenceEmbeddings.Rows, referenceEmbeddings.Dimension),
            new EmbeddingMatrix(candidateEmbeddings.Values, candidateEmbeddings.Rows, candidateEmbeddings.Dimension),
            labels is null || labels.Any(l => l < 0) ? null : labels);
        var kept = screening.KeptRows(policy.Screening.ExcludeOutliers, policy.Screening.ExcludeSuspectedLabelFlips).ToHashSet();
        var excluded = Enumerable.Range(0, candidate.RowCount).Where(r => !kept.Contains(r)).ToList();
        notes.Add($"Screening of {data.Ref}: {screening.Outliers.Count} outliers, {screening.SuspectedLabelFlips.Count} suspected label flips; {excluded.Count} rows excluded by the policy.");
        return excluded;
    }

    private static RetrainingPolicy Copy(RetrainingPolicy policy) => new()
    {
        Model = policy.Model,
        Alias = policy.Alias,
        Data = policy.Data,
        TrainingData = policy.TrainingData,
        Window = policy.Window,
        Source = policy.Source,
        Rules = policy.Rules,
        Screening = policy.Screening,
        Promotion = policy.Promotion,
        Rollback = policy.Rollback,
    };

    /// <summary>The audit log as the loop's sink: subject = model, the reason and the data version in the details.</summary>
    private sealed class AuditSink(IAuditLog log, string actor, string? data) : IAuditSink
    {
        public Task RecordAsync(string action, string model, string reason, IReadOnlyDictionary<string, string> details, CancellationToken cancellationToken)
        {
            var all = new Dictionary<string, string>(details, StringComparer.Ordinal) { ["reason"] = reason };
            if (data is not null)
            {
                all.TryAdd("data", data);
            }

            return log.AppendAsync(actor, action, model, all, cancellationToken);
        }
    }

    /// <summary>The registry as the loop's gate: promotion through the workspace's gates, rollback to the previous holder.</summary>
    private sealed class RegistryGate(CommandContext context) : IRegistryGate
    {
        public async Task<PromotionAttempt> PromoteAsync(string model, string alias, int version, CancellationToken cancellationToken)
        {
            var result = await StoreAccess.Registry(context).PromoteAsync(
                new PromotionRequest(model, version, alias, Reason: "monitor run: candidate beat the champion on held-out data"),
                context.Workspace.PromotionGates(),
                cancellationToken).ConfigureAwait(false);
            var failed = result.Gates.Where(g => !g.Passed).Select(g => $"{g.Rule} ({g.Detail})").ToList();
            return new PromotionAttempt(
                result.Promoted,
                failed.Count == 0 ? "all gates passed" : $"gates failed: {string.Join("; ", failed)}",
                [.. result.Gates.Select(g => new GateCheck(g.Rule, g.Passed, g.Detail))]);
        }

        public async Task RollbackAsync(string model, string alias, int version, CancellationToken cancellationToken)
        {
            var registry = StoreAccess.Registry(context);
            var move = await registry.RollbackAsync(model, alias, cancellationToken).ConfigureAwait(false);
            if (move.ToVersion != version)
            {
                throw LatentOpsException.InvalidState($"Rolling back {model}@{alias} moved it to version {move.ToVersion}, not {version} as decided; check 'latentops models show {model}'.");
            }
        }
    }

    /// <summary>
    /// Retrains with the champion's settings: the policy's new data (screened) is split 80/20 stratified by
    /// the label; the candidate trains on the 80% (with the champion's training data before it under
    /// <c>trainingData: combined</c>); both models are evaluated on the 20% with the same metrics.
    /// </summary>
    private sealed class Retrainer(CommandContext context, ModelVersion champion, DatasetVersion? data) : IRetrainer
    {
        public async Task<CandidateModel> RetrainAsync(RetrainingPolicy policy, IReadOnlyCollection<int> excludedRows, CancellationToken cancellationToken)
        {
            if (data is null)
            {
                throw LatentOpsException.InvalidInput($"{policy.Source ?? "policy"}: retraining needs 'data:' (the new training data, a dataset NAME or NAME:VERSION).");
            }

            var registry = StoreAccess.Registry(context);
            var lineage = await registry.GetLineageAsync(champion.Name, champion.Version, cancellationToken).ConfigureAwait(false);
            var options = Options(lineage.Params, champion.Reference);
            var catalog = new DatasetCatalog(context.Workspace);
            var table = await catalog.LoadTableAsync(data, cancellationToken).ConfigureAwait(false);
            var excluded = excludedRows.ToHashSet();
            if (excluded.Count > 0)
            {
                table = table.Take([.. Enumerable.Range(0, table.RowCount).Where(r => !excluded.Contains(r))]);
            }

            var label = options.LabelColumn ?? data.Roles.Label
                ?? throw LatentOpsException.InvalidInput($"Champion {champion.Reference} was trained without a label; the loop compares candidates on held-out labelled rows and needs a supervised model.");
            var split = TableSplitter.Split(table, new SplitOptions { Method = SplitMethod.Stratified, Column = label, TestFraction = 0.2, Seed = 0 });
            var transform = new DatasetTransform("monitor-retrain-split", new Dictionary<string, string>
            {
                ["excluded"] = excluded.Count.ToString(CultureInfo.InvariantCulture),
                ["test"] = "0.2",
                ["seed"] = "0",
                ["champion"] = champion.Reference,
            });
            DatasetVersion? train = null, holdout = null;
            Table? trainTable = null, holdoutTable = null;
            foreach (var part in split.Parts)
            {
                var added = await catalog.AddVersionAsync($"{data.Name}-{(part.Name == "test" ? "holdout" : part.Name)}", part.Table, data.Roles, DatasetProvenance.Derived(transform), [data.Ref], cancellationToken).ConfigureAwait(false);
                if (part.Name == "train")
                {
                    (train, trainTable) = (added.Version, part.Table);
                }
                else if (part.Name == "test")
                {
                    (holdout, holdoutTable) = (added.Version, part.Table);
                }
            }

            if (policy.TrainingData == "combined")
            {
                (train, trainTable) = await CombineAsync(catalog, lineage, train!, trainTable!, cancellationToken).ConfigureAwait(false);
            }

            var outcome = await TrainingWorkflow.RunAsync(context, train!.Ref, options, policy.Model, null).ConfigureAwait(false);
            if (outcome.Cancelled)
            {
                throw new OperationCanceledException("Retraining was cancelled.");
            }

            var version = await registry.RegisterAsync(policy.Model, outcome.RunId, cancellationToken: cancellationToken).ConfigureAwait(false);

            // Both on the same held-out rows, recorded as evaluation runs: the registry's gates read these.
            var championMetrics = await HoldoutEvaluation.RunAsync(context, champion, holdout!, holdoutTable!, label).ConfigureAwait(false);
            var candidateMetrics = await HoldoutEvaluation.RunAsync(context, version, holdout!, holdoutTable!, label).ConfigureAwait(false);
            return new CandidateModel(version.Version, train.Ref.ToString(), trainTable!.RowCount, policy.TrainingData, holdout!.Ref.ToString(), holdoutTable!.RowCount, candidateMetrics, championMetrics);
        }

        /// <summary>The champion's training data followed by the new training rows, as a dataset version derived from both.</summary>
        private static async Task<(DatasetVersion Version, Table Table)> CombineAsync(DatasetCatalog catalog, ModelLineage lineage, DatasetVersion fresh, Table freshTable, CancellationToken ct)
        {
            if (ModelMonitor.TrainingData(lineage) is not { } trainedOn)
            {
                throw LatentOpsException.InvalidState($"trainingData: combined needs the champion's training dataset, and its run records none; set 'trainingData: current' to train on the new data only.");
            }

            var oldVersion = await catalog.GetVersionAsync(trainedOn, ct).ConfigureAwait(false);
            var old = await catalog.LoadTableAsync(oldVersion, ct).ConfigureAwait(false);
            var missing = freshTable.Columns.Select(c => c.Name).Where(n => !old.Contains(n)).ToList();
            if (missing.Count > 0)
            {
                throw LatentOpsException.InvalidInput($"trainingData: combined: the champion's training data {oldVersion.Ref} lacks column(s) {string.Join(", ", missing)} of the new data; set 'trainingData: current' or give the new data the same columns.");
            }

            var aligned = Align(old.Select(freshTable.Columns.Select(c => c.Name)), freshTable, oldVersion.Ref);
            var combined = Table.Concat([aligned.Old, aligned.Fresh]);
            var transform = new DatasetTransform("monitor-retrain-combine", new Dictionary<string, string>
            {
                ["reference"] = oldVersion.Ref.ToString(),
                ["referenceRows"] = old.RowCount.ToString(CultureInfo.InvariantCulture),
                ["new"] = fresh.Ref.ToString(),
                ["newRows"] = freshTable.RowCount.ToString(CultureInfo.InvariantCulture),
            });
            var added = await catalog.AddVersionAsync($"{fresh.Name[..^"-train".Length]}-combined", combined, fresh.Roles, DatasetProvenance.Derived(transform), [oldVersion.Ref, fresh.Ref], ct).ConfigureAwait(false);
            return (added.Version, combined);
        }

        /// <summary>Same column types on both sides: integer and boolean columns are widened to numbers where the other side has numbers.</summary>
        private static (Table Old, Table Fresh) Align(Table old, Table fresh, DatasetRef oldRef)
        {
            var oldColumns = new List<Column>();
            var freshColumns = new List<Column>();
            foreach (var f in fresh.Columns)
            {
                var o = old[f.Name];
                if (o.Type == f.Type)
                {
                    oldColumns.Add(o);
                    freshColumns.Add(f);
                }
                else if (o is NumericColumn on && f is NumericColumn fn)
                {
                    oldColumns.Add(new NumericColumn(o.Name, on.Values.ToArray(), ColumnType.Numeric));
                    freshColumns.Add(new NumericColumn(f.Name, fn.Values.ToArray(), ColumnType.Numeric));
                }
                else
                {
                    throw LatentOpsException.InvalidInput($"trainingData: combined: column '{f.Name}' is {o.Type.ToString().ToLowerInvariant()} in the champion's training data {oldRef} but {f.Type.ToString().ToLowerInvariant()} in the new data; set 'trainingData: current' or make the types agree.");
                }
            }

            return (new Table(oldColumns), new Table(freshColumns));
        }

        /// <summary>The champion's training settings from its run's parameters (as 'latentops train' recorded them).</summary>
        private static TrainingOptions Options(IReadOnlyDictionary<string, string> parameters, string champion)
        {
            var json = new System.Text.StringBuilder("{");
            foreach (var (key, value) in parameters)
            {
                if (json.Length > 1)
                {
                    json.Append(',');
                }

                json.Append(JsonSerializer.Serialize(key)).Append(':');
                json.Append(IsJson(value) ? value : JsonSerializer.Serialize(value));
            }

            json.Append('}');
            try
            {
                return JsonSerializer.Deserialize<TrainingOptions>(json.ToString(), LatentOpsJson.Compact)
                    ?? throw LatentOpsException.InvalidState($"Champion {champion} has no training parameters.");
            }
            catch (JsonException ex)
            {
                throw LatentOpsException.InvalidState($"The training parameters of champion {champion} cannot be read back as training settings: {ex.Message}");
            }
        }

        private static bool IsJson(string value)
        {
            if (value.Length == 0 || !(char.IsDigit(value[0]) || value[0] is '-' or '[' or 't' or 'f'))
            {
                return false;
            }

            try
            {
                using var _ = JsonDocument.Parse(value);
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}

/// <summary>What one pass of <c>monitor run</c> saw, decided and did.</summary>
internal sealed record MonitorRunResult(
    string Policy,
    string Model,
    string Alias,
    int ChampionVersion,
    string? MonitoringRun,
    MonitoringSnapshot Snapshot,
    RetrainingDecision Decision,
    bool Executed,
    CandidateModel? Candidate,
    bool Promoted,
    int? RolledBackTo,
    IReadOnlyList<string> Steps,
    IReadOnlyList<GateCheck> Gates,
    IReadOnlyList<string> Notes,
    int AliasVersion);
