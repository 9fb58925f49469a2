using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Core.Tables;
using LatentOps.Learning.Images;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Packaging;
using LatentOps.Learning.Training;
using LatentOps.Store.Datasets;
using LatentOps.Store.Tracking;

namespace LatentOps.Cli.Commands.Train;

/// <summary>
/// <c>latentops train</c> on an image dataset (pixel_0 ... columns, e.g. ingested IDX files): the same
/// tracked run as for tables (parameters, dataset version, per-epoch losses and timings, a checkpoint
/// every epoch for <c>--resume</c>, Ctrl+C stops cleanly) with <see cref="ImageTrainer"/>, and the image
/// model package as the run's <c>model</c> artifact.
/// </summary>
internal static class ImageTrainingWorkflow
{
    /// <summary>The image options for what the user asked; a tabular objective is an error naming the dataset.</summary>
    public static ImageTrainingOptions Options(TrainingOptions options, ImageTrainingChoices? choices, DatasetRef dataset, ImageLayout layout)
    {
        var objective = choices is { ObjectiveGiven: false } ? TrainingObjective.SimClr : options.Objective;
        if (objective is TrainingObjective.Scarf or TrainingObjective.Dae)
        {
            throw LatentOpsException.InvalidInput($"--objective {objective.ToString().ToLowerInvariant()} trains tabular encoders; {dataset} holds {layout.Height}x{layout.Width} images ({layout.PixelColumns.Count} pixel columns): use --objective simclr (self-supervised) or supervised (with --label).");
        }

        return new ImageTrainingOptions
        {
            Objective = objective,
            LabelColumn = options.LabelColumn,
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            LearningRate = options.LearningRate,
            EmbeddingDimension = options.EmbeddingDimension,
            Channels = choices?.Channels ?? 64,
            ValidationFraction = options.ValidationFraction,
            Patience = options.Patience,
            Seed = options.Seed,
            Threads = options.Threads,
        };
    }

    public static async Task<TrainOutcome> RunAsync(CommandContext context, DatasetVersion version, Table table, ImageTrainingOptions options, string? experiment, string? resumeRun, string? fromRun)
    {
        var workspace = context.Workspace;
        var parameters = TrainingWorkflow.Flatten(options); // Before the initial model is attached: parameters are settings, not weights.
        parameters["dataKind"] = "image";
        var tracking = StoreAccess.Tracking(context);
        using var initial = fromRun is null ? null : await LoadRunModelAsync(context, tracking, fromRun).ConfigureAwait(false);
        options.InitialModel = initial;
        options.Validate();
        string runId;
        if (resumeRun is not null)
        {
            runId = await tracking.ResolveRunIdAsync(resumeRun, context.CancellationToken).ConfigureAwait(false);
            var checkpoint = TrainingWorkflow.CheckpointPath(context, runId);
            if (!File.Exists(checkpoint))
            {
                throw LatentOpsException.InvalidState($"Run {StoreAccess.Short(runId)} has no checkpoint at '{checkpoint}' to resume from (it never finished an epoch, or was not started by 'latentops train').");
            }

            options.ResumeFrom = checkpoint;
        }
        else
        {
            var objective = options.Objective.ToString().ToLowerInvariant();
            var tags = new Dictionary<string, string> { ["kind"] = "train", ["objective"] = objective, ["dataKind"] = "image" };
            if (fromRun is not null)
            {
                tags["finetunedFrom"] = fromRun;
            }

            var run = await tracking.CreateRunAsync(new RunStart
            {
                Experiment = experiment ?? version.Name,
                SourceCommit = SourceCommit.Of(context.Environment.CurrentDirectory),
                Params = parameters,
                Tags = tags,
            }, context.CancellationToken).ConfigureAwait(false);
            runId = run.RunId;
            await tracking.LogDatasetAsync(runId, new RunDataset("train", version.Name, version.Version, version.ContentHash, version.Provenance.Source?.FileName), context.CancellationToken).ConfigureAwait(false);
        }

        options.CheckpointPath = TrainingWorkflow.CheckpointPath(context, runId);
        Directory.CreateDirectory(Path.GetDirectoryName(options.CheckpointPath)!);
        ImageTrainingResult result;
        try
        {
            result = await context.WithProgressAsync($"train {version.Ref} (images)", progress =>
                new ImageTrainer(options).FitAsync(table, progress, context.CancellationToken)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await tracking.EndRunAsync(runId, RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return await TrainingWorkflow.FinishAsync(context, tracking, runId, version, options.Objective, result, ModelPackage.ToBytes, "image").ConfigureAwait(false);
    }

    /// <summary>The image model a run logged as its <c>model</c> artifact (to fine-tune from).</summary>
    private static async Task<ImageEncoderModel> LoadRunModelAsync(CommandContext context, ITrackingStore tracking, string runIdOrPrefix)
    {
        var run = await tracking.GetRunAsync(await tracking.ResolveRunIdAsync(runIdOrPrefix, context.CancellationToken).ConfigureAwait(false), context.CancellationToken).ConfigureAwait(false);
        var artifact = run.Artifacts.FirstOrDefault(a => a.Path == "model")
            ?? throw LatentOpsException.InvalidState($"Run {StoreAccess.Short(run.Info.RunId)} has no 'model' artifact to start from; pick a run made by 'latentops train'.");
        await using var stream = context.Workspace.Artifacts.OpenRead(artifact.Hash);
        return ModelPackage.LoadImage(stream, $"model of run {StoreAccess.Short(run.Info.RunId)}");
    }
}
