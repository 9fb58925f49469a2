using System.Globalization;
using LatentOps.Cli.Commands.Evaluate;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Tables;
using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Models;
using LatentOps.Evaluation.Suite;
using LatentOps.Learning.Packaging;
using LatentOps.Reports.Evaluation;
using LatentOps.Store.Datasets;
using LatentOps.Store.Registry;
using LatentOps.Store.Tracking;

namespace LatentOps.Cli.Commands.Monitor;

/// <summary>
/// Evaluates a registered model on the loop's held-out rows exactly as <c>latentops evaluate model</c>
/// scores predictions (same metrics, 1,000 bootstrap resamples, seed 42, calibration), and records it as
/// that command does: a run in experiment <c>evaluation</c> tagged <c>latentops.model=NAME:VERSION</c>,
/// with the report. The registry's promotion gates read a version's latest such run, so the gates see
/// the held-out metrics the loop compared. The probes, robustness and attack of <c>evaluate model</c>
/// are left out: they describe the encoder, not the promotion decision, and cost minutes.
/// </summary>
internal static class HoldoutEvaluation
{
    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(CommandContext context, ModelVersion version, DatasetVersion holdout, Table table, string label)
    {
        var ct = context.CancellationToken;
        using var model = ModelPackage.Load(context.Workspace.Artifacts.GetPath(version.PackageHash));
        var full = TabularModelEvaluation.For(model, label);
        var predictionsOnly = new ModelUnderEvaluation
        {
            LabelColumn = full.LabelColumn,
            ClassNames = full.ClassNames,
            PredictProbabilities = full.PredictProbabilities,
        };
        var options = new ModelEvaluationOptions
        {
            Evaluation = new EvaluationOptions { Bootstrap = new BootstrapOptions { Resamples = 1000, Seed = 42 } },
            Robustness = null,
            Epsilons = [],
        };
        var result = await Task.Run(() => ModelEvaluation.Run(predictionsOnly, null, table, options), ct).ConfigureAwait(false);
        var reportPath = Path.Combine(context.WorkspaceRoot, "reports", $"evaluation-{version.Name}-v{version.Version.ToString(CultureInfo.InvariantCulture)}-{holdout.Name}-v{holdout.Version.ToString(CultureInfo.InvariantCulture)}.html");
        var html = EvaluationReport.ForModel(result, $"Evaluation of {version.Reference}", $"{holdout.Ref}: {result.Evaluation.Rows:N0} held-out rows of the retraining loop, label {label}; evaluated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        await html.SaveAsync(reportPath, ct).ConfigureAwait(false);
        var record = new EvaluationRun.Record(
            $"evaluate {version.Reference} on {holdout.Ref} (monitor run)",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["model"] = version.Reference,
                ["dataset"] = holdout.Ref.ToString(),
                ["label"] = label,
                ["bootstrapResamples"] = "1000",
                ["seed"] = "42",
                ["robustness"] = "false",
                ["source"] = "monitor run",
            },
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [EvaluationRun.ModelTag] = version.Reference,
                [EvaluationRun.DatasetTag] = holdout.Ref.ToString(),
            },
            new Dictionary<string, double>(StringComparer.Ordinal),
            [new RunDataset("evaluation", holdout.Name, holdout.Version, holdout.ContentHash, holdout.Provenance.Source?.FileName)],
            result,
            null);
        await EvaluationRun.WriteAsync(context.Workspace, StoreAccess.Actor(context), record, result.Evaluation, reportPath, ct).ConfigureAwait(false);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var point in EvaluationRun.Metrics(result.Evaluation, new Dictionary<string, double>()))
        {
            metrics[point.Key] = point.Value;
        }

        return metrics;
    }
}
