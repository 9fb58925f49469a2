using System.Text;
using LatentOps.Core.Serialization;
using LatentOps.Evaluation.Suite;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

namespace LatentOps.Cli.Commands.Evaluate;

/// <summary>
/// Records an evaluation as a tracked run, as CONTRACTS.md fixes it for model cards, the dashboard and
/// the promotion gates: experiment <c>evaluation</c>; tags <c>latentops.kind=evaluation</c> (plus
/// <c>latentops.model</c> and <c>latentops.dataset</c> for a registered model); every metric under its
/// catalog name, headline ones with <c>&lt;metric&gt;.ci_low</c>/<c>.ci_high</c>; artifacts
/// <c>evaluation.json</c> (the serialized result) and <c>evaluation.html</c> (the report).
/// </summary>
internal static class EvaluationRun
{
    public const string Experiment = "evaluation";

    public const string KindTag = "latentops.kind";

    public const string ModelTag = "latentops.model";

    public const string DatasetTag = "latentops.dataset";

    /// <summary>What one evaluation run records besides the evaluation itself.</summary>
    public sealed record Record(
        string Name,
        IReadOnlyDictionary<string, string> Parameters,
        IReadOnlyDictionary<string, string> Tags,
        IReadOnlyDictionary<string, double> ExtraMetrics,
        IReadOnlyList<RunDataset> Datasets,
        object JsonResult,
        string? SourceCommit);

    public static async Task<RunInfo> WriteAsync(Workspace workspace, string actor, Record record, EvaluationResult result, string reportPath, CancellationToken cancellationToken)
    {
        var tracking = workspace.Tracking(actor);
        var tags = new Dictionary<string, string>(record.Tags, StringComparer.Ordinal)
        {
            [KindTag] = "evaluation",
            ["task"] = result.Task.ToString().ToLowerInvariant(),
        };
        var run = await tracking.CreateRunAsync(new RunStart
        {
            Experiment = Experiment,
            Name = record.Name,
            SourceCommit = record.SourceCommit,
            Params = record.Parameters,
            Tags = tags,
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var dataset in record.Datasets)
            {
                await tracking.LogDatasetAsync(run.RunId, dataset, cancellationToken).ConfigureAwait(false);
            }

            await tracking.LogMetricsAsync(run.RunId, Metrics(result, record.ExtraMetrics), cancellationToken).ConfigureAwait(false);
            var html = await workspace.Artifacts.PutFileAsync(reportPath, cancellationToken).ConfigureAwait(false);
            await tracking.LogArtifactAsync(run.RunId, new RunArtifact("evaluation.html", html.Hash, html.Size), cancellationToken).ConfigureAwait(false);
            var json = await workspace.Artifacts.PutAsync(Encoding.UTF8.GetBytes(LatentOpsJson.Serialize(record.JsonResult)), cancellationToken).ConfigureAwait(false);
            await tracking.LogArtifactAsync(run.RunId, new RunArtifact("evaluation.json", json.Hash, json.Size), cancellationToken).ConfigureAwait(false);
            return await tracking.EndRunAsync(run.RunId, RunStatus.Finished, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tracking.EndRunAsync(run.RunId, RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The metric points of an evaluation: catalog metrics, interval ends, calibration, temperature, fairness, slices flagged, then the extras.</summary>
    public static List<MetricPoint> Metrics(EvaluationResult result, IReadOnlyDictionary<string, double> extra)
    {
        var now = DateTimeOffset.UtcNow;
        var points = new List<MetricPoint>();
        void Add(string key, double value) => points.Add(new MetricPoint(key, value, 0, now));
        foreach (var (key, value) in result.Metrics)
        {
            Add(key, value);
        }

        foreach (var h in result.Headline)
        {
            Add($"{h.Metric}.ci_low", h.Lower);
            Add($"{h.Metric}.ci_high", h.Upper);
        }

        if (result.Calibration is { } c)
        {
            Add("expectedCalibrationError", c.ExpectedCalibrationError);
            Add("maximumCalibrationError", c.MaximumCalibrationError);
        }

        if (result.TemperatureScaling is { } t)
        {
            Add("temperature", t.Scaler.Temperature);
            Add("calibratedLogLoss", t.LogLossAfter);
            Add("calibratedExpectedCalibrationError", t.After.ExpectedCalibrationError);
        }

        if (result.Fairness is { } f)
        {
            Add("demographicParityDifference", f.DemographicParityDifference);
            Add("equalOpportunityDifference", f.EqualOpportunityDifference);
        }

        Add("flaggedSlices", result.Slices.Values.Sum(s => s.Count(r => r.Flagged)));
        foreach (var (key, value) in extra)
        {
            Add(key, value);
        }

        return points;
    }
}
