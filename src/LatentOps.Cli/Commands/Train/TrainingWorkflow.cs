using System.Globalization;
using System.Text.Json;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Core.Serialization;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Images;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Packaging;
using LatentOps.Learning.Training;
using LatentOps.Store.Datasets;
using LatentOps.Store.Tracking;

namespace LatentOps.Cli.Commands.Train;

/// <summary>
/// Trains an encoder on a dataset version as a tracked run: parameters, the dataset version used,
/// per-epoch losses and timings, a checkpoint every epoch (for <c>--resume</c>), and the model
/// package as the run's <c>model</c> artifact, ready for <c>latentops models register</c>.
/// Shared by <c>latentops train</c> and the quickstart.
/// </summary>
internal static class TrainingWorkflow
{
    public static async Task<TrainOutcome> RunAsync(CommandContext context, DatasetRef dataset, TrainingOptions options, string? experiment, string? resumeRun, string? fromRun = null, ImageTrainingChoices? image = null)
    {
        var workspace = context.Workspace;
        var catalog = new DatasetCatalog(workspace);
        var version = await catalog.GetVersionAsync(dataset, context.CancellationToken).ConfigureAwait(false);
        var table = await catalog.LoadTableAsync(version, context.CancellationToken).ConfigureAwait(false);
        options.LabelColumn ??= version.Roles.Label;
        if (ImageLayout.Detect(table) is { } layout)
        {
            var imageOptions = ImageTrainingWorkflow.Options(options, image, version.Ref, layout);
            return await ImageTrainingWorkflow.RunAsync(context, version, table, imageOptions, experiment, resumeRun, fromRun).ConfigureAwait(false);
        }

        if (options.Objective == TrainingObjective.SimClr)
        {
            throw LatentOpsException.InvalidInput($"--objective simclr trains image encoders; {version.Ref} is a table (it has no pixel_0 ... columns): use scarf, dae or supervised.");
        }
        if (version.Roles.Id is { } id && !options.ExcludeColumns.Contains(id))
        {
            options.ExcludeColumns.Add(id); // Identifiers carry no signal and would only be memorised.
        }

        var parameters = Flatten(options); // Before the initial model is attached: parameters are settings, not weights.
        var tracking = StoreAccess.Tracking(context);
        using var initial = fromRun is null ? null : await LoadRunModelAsync(context, tracking, fromRun).ConfigureAwait(false);
        options.InitialModel = initial;
        options.Validate();
        string runId;
        if (resumeRun is not null)
        {
            runId = await tracking.ResolveRunIdAsync(resumeRun, context.CancellationToken).ConfigureAwait(false);
            var checkpoint = CheckpointPath(context, runId);
            if (!File.Exists(checkpoint))
            {
                throw LatentOpsException.InvalidState($"Run {StoreAccess.Short(runId)} has no checkpoint at '{checkpoint}' to resume from (it never finished an epoch, or was not started by 'latentops train').");
            }

            options.ResumeFrom = checkpoint;
        }
        else
        {
            var run = await tracking.CreateRunAsync(new RunStart
            {
                Experiment = experiment ?? version.Name,
                SourceCommit = SourceCommit.Of(context.Environment.CurrentDirectory),
                Params = parameters,
                Tags = fromRun is null
                    ? new Dictionary<string, string> { ["kind"] = "train", ["objective"] = options.Objective.ToString().ToLowerInvariant() }
                    : new Dictionary<string, string> { ["kind"] = "train", ["objective"] = options.Objective.ToString().ToLowerInvariant(), ["finetunedFrom"] = fromRun },
            }, context.CancellationToken).ConfigureAwait(false);
            runId = run.RunId;
            await tracking.LogDatasetAsync(runId, new RunDataset("train", version.Name, version.Version, version.ContentHash, version.Provenance.Source?.FileName), context.CancellationToken).ConfigureAwait(false);
        }

        options.CheckpointPath = CheckpointPath(context, runId);
        Directory.CreateDirectory(Path.GetDirectoryName(options.CheckpointPath)!);
        TrainingResult result;
        try
        {
            result = await context.WithProgressAsync($"train {version.Ref}", progress =>
                new TabularTrainer(options).FitAsync(table, progress, context.CancellationToken)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await tracking.EndRunAsync(runId, RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return await FinishAsync(context, tracking, runId, version, options.Objective, result, ModelPackage.ToBytes, "table").ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a run whose training returned: logs the per-epoch metrics, stores the model package as the run's
    /// <c>model</c> artifact (with lineage to the run and the dataset), closes the run as finished or killed.
    /// </summary>
    internal static async Task<TrainOutcome> FinishAsync<TModel>(CommandContext context, ITrackingStore tracking, string runId, DatasetVersion version,
        TrainingObjective objective, TrainingResult<TModel> result, Func<TModel, ModelPackageInfo?, byte[]> toBytes, string dataKind)
        where TModel : IEncoderModel
    {
        using var model = result.Model;
        await tracking.LogMetricsAsync(runId, [.. result.Epochs.SelectMany(Points)], CancellationToken.None).ConfigureAwait(false);
        var headline = new Dictionary<string, double>(StringComparer.Ordinal);
        if (result.Epochs.Count > 0)
        {
            headline["trainLoss"] = result.Epochs[^1].TrainLoss;
        }

        if (result.BestValidationLoss is { } best)
        {
            headline["bestValidationLoss"] = best;
        }

        var package = await context.Workspace.Artifacts.PutAsync(toBytes(model, new ModelPackageInfo
        {
            Name = version.Name,
            Metrics = headline,
            Lineage = new Dictionary<string, string>
            {
                ["run"] = runId,
                ["dataset"] = version.Ref.ToString(),
                ["datasetHash"] = version.ContentHash,
            },
        }), CancellationToken.None).ConfigureAwait(false);
        await tracking.LogArtifactAsync(runId, new RunArtifact("model", package.Hash, package.Size), CancellationToken.None).ConfigureAwait(false);
        await tracking.EndRunAsync(runId, result.Cancelled ? RunStatus.Killed : RunStatus.Finished, CancellationToken.None).ConfigureAwait(false);
        return new TrainOutcome(
            runId,
            version.Ref.ToString(),
            objective.ToString().ToLowerInvariant(),
            result.Epochs.Count,
            result.BestEpoch,
            result.BestValidationLoss,
            result.StoppedEarly,
            result.Cancelled,
            result.TotalSeconds,
            result.Epochs.Count == 0 ? 0 : result.Epochs.Average(e => e.RowsPerSecond),
            model.EmbeddingDimension,
            model.Classes,
            package.Hash,
            dataKind);
    }

    /// <summary>The model package a run logged as its <c>model</c> artifact, loaded (to fine-tune from).</summary>
    private static async Task<Learning.Encoders.TabularEncoderModel> LoadRunModelAsync(CommandContext context, ITrackingStore tracking, string runIdOrPrefix)
    {
        var run = await tracking.GetRunAsync(await tracking.ResolveRunIdAsync(runIdOrPrefix, context.CancellationToken).ConfigureAwait(false), context.CancellationToken).ConfigureAwait(false);
        var artifact = run.Artifacts.FirstOrDefault(a => a.Path == "model")
            ?? throw LatentOpsException.InvalidState($"Run {StoreAccess.Short(run.Info.RunId)} has no 'model' artifact to start from; pick a run made by 'latentops train'.");
        await using var stream = context.Workspace.Artifacts.OpenRead(artifact.Hash);
        return ModelPackage.Load(stream, $"model of run {StoreAccess.Short(run.Info.RunId)}");
    }

    internal static string CheckpointPath(CommandContext context, string runId) =>
        Path.Combine(context.Workspace.Root, "checkpoints", $"{runId}.ckpt");

    internal static IEnumerable<MetricPoint> Points(EpochRecord epoch)
    {
        var now = DateTimeOffset.UtcNow;
        yield return new MetricPoint("trainLoss", epoch.TrainLoss, epoch.Epoch, now);
        if (epoch.ValidationLoss is { } validation)
        {
            yield return new MetricPoint("validationLoss", validation, epoch.Epoch, now);
        }

        yield return new MetricPoint("epochSeconds", epoch.Seconds, epoch.Epoch, now);
        yield return new MetricPoint("rowsPerSecond", epoch.RowsPerSecond, epoch.Epoch, now);
    }

    internal static Dictionary<string, string> Flatten<T>(T options)
    {
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = JsonSerializer.SerializeToElement(options, LatentOpsJson.Compact);
        foreach (var property in json.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null || property.Name is "checkpointPath" or "resumeFrom" or "initialModel")
            {
                continue;
            }

            flat[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : property.Value.GetRawText();
        }

        return flat;
    }
}

/// <summary>The result of <c>latentops train</c>.</summary>
internal sealed record TrainOutcome(
    string RunId,
    string Dataset,
    string Objective,
    int Epochs,
    int BestEpoch,
    double? BestValidationLoss,
    bool StoppedEarly,
    bool Cancelled,
    double Seconds,
    double RowsPerSecond,
    int EmbeddingDimension,
    IReadOnlyList<string>? Classes,
    string PackageHash,
    string DataKind = "table")
{
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"run {StoreAccess.Short(RunId)}: {Objective} on {Dataset}, {Epochs} epochs in {Seconds:0.0} s ({RowsPerSecond:N0} rows/s), best validation loss {BestValidationLoss:0.####} at epoch {BestEpoch}");
}
