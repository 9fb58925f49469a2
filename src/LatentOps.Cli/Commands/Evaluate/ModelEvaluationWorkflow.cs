using System.Globalization;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Core.Tables;
using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Models;
using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.Robustness;
using LatentOps.Evaluation.Suite;
using LatentOps.Reports.Evaluation;
using LatentOps.Store.Datasets;
using LatentOps.Store.Tracking;

namespace LatentOps.Cli.Commands.Evaluate;

/// <summary>Settings of one evaluation of a registered model.</summary>
internal sealed record ModelEvaluationSettings
{
    public required string Model { get; init; }

    public required DatasetRef Data { get; init; }

    public DatasetRef? Train { get; init; }

    public string? Label { get; init; }

    public IReadOnlyList<string> Slices { get; init; } = [];

    public string? Protected { get; init; }

    public int Bootstrap { get; init; } = 1000;

    public int Seed { get; init; } = 42;

    public bool Robustness { get; init; } = true;

    public bool DropFeatures { get; init; } = true;

    public IReadOnlyList<double> Epsilons { get; init; } = FgsmAttack.DefaultEpsilons;

    public string? Report { get; init; }

    /// <summary>The default of <see cref="ProbeRows"/>: enough rows for a stable probe score, about a minute of CPU for the linear probe.</summary>
    public const int DefaultProbeRows = 10_000;

    /// <summary>At most this many training rows (a seeded sample) fit the probes; 0 uses all. The default is 10,000.</summary>
    public int ProbeRows { get; init; } = DefaultProbeRows;

    /// <summary>Linear probe settings (C candidates, folds).</summary>
    public LinearProbeOptions Probe { get; init; } = new();
}

/// <summary>What <c>evaluate model</c> found and recorded.</summary>
internal sealed record ModelEvaluationOutcome(
    string Model,
    string Dataset,
    string? ProbeTrainingDataset,
    string Label,
    string RunId,
    string Report,
    IReadOnlyList<string> Warnings,
    ModelEvaluationResult Evaluation);

/// <summary>
/// Evaluates a registered model on a dataset version: predictions (metrics with bootstrap intervals,
/// calibration, slices), probes of its encoder beside raw features, label-free quality, robustness
/// and a gradient-sign attack; writes the HTML report and records the run the contract fixes (see
/// <see cref="EvaluationRun"/>). Shared by <c>latentops evaluate model</c> and the quickstart.
/// </summary>
internal static class ModelEvaluationWorkflow
{
    public static async Task<ModelEvaluationOutcome> RunAsync(CommandContext context, ModelEvaluationSettings settings)
    {
        if (settings.Bootstrap is < 50 or > 100_000)
        {
            throw LatentOpsException.InvalidInput($"--bootstrap {settings.Bootstrap} is out of range: use 50 to 100000 resamples.");
        }

        if (settings.ProbeRows < 0)
        {
            throw LatentOpsException.InvalidInput($"--probe-rows {settings.ProbeRows} is out of range: use 0 (all rows) or more.");
        }

        if (settings.Epsilons.Any(e => !(e >= 0 && e <= 100)))
        {
            throw LatentOpsException.InvalidInput($"--epsilons [{string.Join(", ", settings.Epsilons.Select(F))}]: each must lie in [0, 100].");
        }

        using var loaded = await RegisteredModelLoader.LoadAsync(context, settings.Model).ConfigureAwait(false);
        var catalog = new DatasetCatalog(context.Workspace);
        var version = await catalog.GetVersionAsync(settings.Data, context.CancellationToken).ConfigureAwait(false);
        var test = await catalog.LoadTableAsync(version, context.CancellationToken).ConfigureAwait(false);
        var label = settings.Label ?? loaded.Model.LabelColumn ?? version.Roles.Label
            ?? throw LatentOpsException.InvalidInput($"--label: neither the model {loaded.Version.Reference} nor {version.Ref} names a label column; pass --label COL.");
        RequireColumn(test, label, version.Ref, "--label");
        foreach (var slice in settings.Slices)
        {
            RequireColumn(test, slice, version.Ref, "--slices");
        }

        if (settings.Protected is { } protectedColumn)
        {
            RequireColumn(test, protectedColumn, version.Ref, "--protected");
        }

        var warnings = new List<string>();
        var model = loaded.Model switch
        {
            Learning.Images.ImageEncoderModel image => ImageModelEvaluation.For(image, label),
            Learning.Encoders.TabularEncoderModel tabular => TabularModelEvaluation.For(tabular, label),
            _ => throw LatentOpsException.InvalidInput($"{loaded.Version.Reference} holds a {loaded.Model.Architecture.Kind} encoder, which evaluate model does not know."),
        };
        var (train, trainVersion) = await ProbeTrainingAsync(catalog, settings.Train ?? loaded.TrainingDataset, settings.Train is not null, version, label, warnings, context.CancellationToken).ConfigureAwait(false);
        if (train is null)
        {
            // No separate training rows: evaluate the predictions and the attack, skip the probes.
            model = new ModelUnderEvaluation
            {
                LabelColumn = model.LabelColumn,
                ClassNames = model.ClassNames,
                PredictProbabilities = model.PredictProbabilities,
                EncodeInputs = model.EncodeInputs,
                Differentiable = model.Differentiable,
            };
        }

        var options = new ModelEvaluationOptions
        {
            Evaluation = new EvaluationOptions { Bootstrap = new BootstrapOptions { Resamples = settings.Bootstrap, Seed = settings.Seed } },
            SliceColumns = settings.Slices,
            ProtectedColumn = settings.Protected,
            // Dropping one of hundreds of pixels at a time says nothing and costs a prediction pass per pixel: images get noise only.
            Robustness = settings.Robustness ? new RobustnessOptions { Seed = settings.Seed, DropFeatures = settings.DropFeatures && loaded.Model is not Learning.Images.ImageEncoderModel } : null,
            Epsilons = settings.Epsilons,
            Probe = settings.Probe,
        };
        if (train is not null && settings.ProbeRows > 0 && train.RowCount > settings.ProbeRows)
        {
            var rows = Enumerable.Range(0, train.RowCount).ToArray();
            new Random(settings.Seed).Shuffle(rows);
            train = train.Take(rows[..settings.ProbeRows].Order().ToArray());
            warnings.Add($"The probes were fitted on a seeded sample of {settings.ProbeRows:N0} of the {trainVersion!.RowCount:N0} training rows (--probe-rows).");
        }

        var result = await context.WithProgressAsync($"evaluate {loaded.Version.Reference}", progress =>
            Task.Run(() => ModelEvaluation.Run(model, train, test, options, progress), context.CancellationToken)).ConfigureAwait(false);
        warnings.AddRange(result.Evaluation.Warnings);

        var reportPath = settings.Report is { } r
            ? Path.GetFullPath(Path.Combine(context.Environment.CurrentDirectory, r))
            : Path.Combine(context.WorkspaceRoot, "reports", $"evaluation-{loaded.Version.Name}-v{loaded.Version.Version.ToString(CultureInfo.InvariantCulture)}-{version.Name}-v{version.Version.ToString(CultureInfo.InvariantCulture)}.html");
        var subtitle = $"{version.Ref}: {result.Evaluation.Rows:N0} rows, label {label}" + (trainVersion is null ? string.Empty : $"; probes fitted on {trainVersion.Ref}") + $"; evaluated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC";
        var html = EvaluationReport.ForModel(result, $"Evaluation of {loaded.Version.Reference}", subtitle);
        foreach (var warning in warnings.Where(w => !result.Evaluation.Warnings.Contains(w)))
        {
            html.Finding(Reports.Html.Severity.Warning, "Evaluation data", warning);
        }

        await html.SaveAsync(reportPath, context.CancellationToken).ConfigureAwait(false);

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model"] = loaded.Version.Reference,
            ["dataset"] = version.Ref.ToString(),
            ["label"] = label,
            ["bootstrapResamples"] = settings.Bootstrap.ToString(CultureInfo.InvariantCulture),
            ["seed"] = settings.Seed.ToString(CultureInfo.InvariantCulture),
            ["robustness"] = settings.Robustness ? "true" : "false",
            ["epsilons"] = string.Join(',', settings.Epsilons.Select(F)),
        };
        if (settings.Slices.Count > 0)
        {
            parameters["slices"] = string.Join(',', settings.Slices);
        }

        if (trainVersion is not null)
        {
            parameters["probeTrainingDataset"] = trainVersion.Ref.ToString();
            parameters["probeRows"] = train!.RowCount.ToString(CultureInfo.InvariantCulture);
        }

        var datasets = new List<RunDataset> { new("evaluation", version.Name, version.Version, version.ContentHash, version.Provenance.Source?.FileName) };
        if (trainVersion is not null)
        {
            datasets.Add(new RunDataset("probe-train", trainVersion.Name, trainVersion.Version, trainVersion.ContentHash, trainVersion.Provenance.Source?.FileName));
        }

        var record = new EvaluationRun.Record(
            $"evaluate {loaded.Version.Reference} on {version.Ref}",
            parameters,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [EvaluationRun.ModelTag] = $"{loaded.Version.Name}:{loaded.Version.Version.ToString(CultureInfo.InvariantCulture)}",
                [EvaluationRun.DatasetTag] = version.Ref.ToString(),
            },
            ExtraMetrics(result),
            datasets,
            result,
            Train.SourceCommit.Of(context.Environment.CurrentDirectory));
        var run = await EvaluationRun.WriteAsync(context.Workspace, StoreAccess.Actor(context), record, result.Evaluation, reportPath, context.CancellationToken).ConfigureAwait(false);
        return new ModelEvaluationOutcome(loaded.Version.Reference, version.Ref.ToString(), trainVersion?.Ref.ToString(), label, run.RunId, reportPath, warnings, result);
    }

    /// <summary>Metrics beyond the prediction evaluation: slices, probes, label-free quality, robustness and FGSM.</summary>
    public static Dictionary<string, double> ExtraMetrics(ModelEvaluationResult result)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (column, slices) in result.Evaluation.Slices)
        {
            foreach (var slice in slices)
            {
                metrics[$"slice.{column}.{slice.Value}.{slice.Metric}"] = slice.Estimate.Value;
            }
        }

        foreach (var probe in result.Probes)
        {
            metrics[$"probe.{probe.Features}.{probe.Probe}.{probe.Primary.Metric}"] = probe.Primary.Value;
        }

        if (result.Quality is { } quality)
        {
            metrics["rankMeScore"] = quality.RankMeScore;
            metrics["rankMeRatio"] = quality.RankMeRatio;
            metrics["uniformityLoss"] = quality.UniformityLoss;
            metrics["collapseRatio"] = quality.CollapseRatio;
        }

        if (result.Robustness is { } robustness)
        {
            foreach (var point in robustness.Noise)
            {
                metrics[$"robustness.noise.{F(point.Level)}.{robustness.Metric}"] = point.Value;
            }

            foreach (var point in robustness.CategorySwaps)
            {
                metrics[$"robustness.swap.{F(point.Level)}.{robustness.Metric}"] = point.Value;
            }
        }

        if (result.Adversarial is { } adversarial)
        {
            foreach (var point in adversarial.Points)
            {
                metrics[$"fgsm.{F(point.Level)}.{adversarial.Metric}"] = point.Value;
            }
        }

        return metrics;
    }

    private static async Task<(Table? Table, LatentOps.Store.Datasets.DatasetVersion? Version)> ProbeTrainingAsync(
        DatasetCatalog catalog, DatasetRef? reference, bool explicitlyGiven, LatentOps.Store.Datasets.DatasetVersion evaluated, string label, List<string> warnings, CancellationToken cancellationToken)
    {
        if (reference is null)
        {
            warnings.Add("The model's package does not name its training dataset and no --train was given: the encoder probes (embedding vs raw features) were skipped.");
            return (null, null);
        }

        if (!explicitlyGiven && !await catalog.ExistsAsync(reference, cancellationToken).ConfigureAwait(false))
        {
            warnings.Add($"The model's training dataset {reference} is not in this workspace: the encoder probes were skipped (give --train).");
            return (null, null);
        }

        var version = await catalog.GetVersionAsync(reference, cancellationToken).ConfigureAwait(false);
        if (version.ContentHash == evaluated.ContentHash)
        {
            warnings.Add($"{evaluated.Ref} is the data the model was trained on: its metrics are optimistic and the probes were skipped. Evaluate on held-out rows (latentops data split).");
            return (null, null);
        }

        var table = await catalog.LoadTableAsync(version, cancellationToken).ConfigureAwait(false);
        RequireColumn(table, label, version.Ref, "--train");
        return (table, version);
    }

    private static void RequireColumn(Table table, string column, DatasetRef dataset, string option)
    {
        if (!table.Contains(column))
        {
            throw LatentOpsException.InvalidInput($"{option}: {dataset} has no column '{column}'. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
        }
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
