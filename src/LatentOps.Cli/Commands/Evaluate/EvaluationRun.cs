using System.Text;
using LatentOps.Core.Serialization;
using LatentOps.Evaluation.Suite;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

namespace LatentOps.Cli.Commands.Evaluate;

/// <summary>Records an evaluation as a tracked run: parameters, every metric (headline ones with interval ends), the report and the JSON result as artifacts.</summary>
internal static class EvaluationRun
{
    public const string Experiment = "evaluation";

    public static async Task<RunInfo> WriteAsync(Workspace workspace, string name, IReadOnlyDictionary<string, string> parameters, EvaluationResult result, string reportPath, CancellationToken cancellationToken)
    {
        var tracking = workspace.Tracking();
        var run = await tracking.CreateRunAsync(new RunStart
        {
            Experiment = Experiment,
            Name = name,
            Params = parameters,
            Tags = new Dictionary<string, string> { ["kind"] = "evaluation", ["task"] = result.Task.ToString().ToLowerInvariant() },
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            var now = DateTimeOffset.UtcNow;
            var points = new List<MetricPoint>();
            points.AddRange(result.Metrics.Select(m => new MetricPoint(m.Key, m.Value, 0, now)));
            foreach (var h in result.Headline)
            {
                points.Add(new MetricPoint($"{h.Metric}.ciLower", h.Lower, 0, now));
                points.Add(new MetricPoint($"{h.Metric}.ciUpper", h.Upper, 0, now));
            }

            if (result.Calibration is { } c)
            {
                points.Add(new MetricPoint("expectedCalibrationError", c.ExpectedCalibrationError, 0, now));
                points.Add(new MetricPoint("maximumCalibrationError", c.MaximumCalibrationError, 0, now));
            }

            if (result.TemperatureScaling is { } t)
            {
                points.Add(new MetricPoint("temperature", t.Scaler.Temperature, 0, now));
                points.Add(new MetricPoint("calibratedLogLoss", t.LogLossAfter, 0, now));
                points.Add(new MetricPoint("calibratedExpectedCalibrationError", t.After.ExpectedCalibrationError, 0, now));
            }

            if (result.Fairness is { } f)
            {
                points.Add(new MetricPoint("demographicParityDifference", f.DemographicParityDifference, 0, now));
                points.Add(new MetricPoint("equalOpportunityDifference", f.EqualOpportunityDifference, 0, now));
            }

            points.Add(new MetricPoint("flaggedSlices", result.Slices.Values.Sum(s => s.Count(r => r.Flagged)), 0, now));
            await tracking.LogMetricsAsync(run.RunId, points, cancellationToken).ConfigureAwait(false);

            var html = await workspace.Artifacts.PutFileAsync(reportPath, cancellationToken).ConfigureAwait(false);
            await tracking.LogArtifactAsync(run.RunId, new RunArtifact("evaluation.html", html.Hash, html.Size), cancellationToken).ConfigureAwait(false);
            var json = await workspace.Artifacts.PutAsync(Encoding.UTF8.GetBytes(LatentOpsJson.Serialize(result)), cancellationToken).ConfigureAwait(false);
            await tracking.LogArtifactAsync(run.RunId, new RunArtifact("evaluation.json", json.Hash, json.Size), cancellationToken).ConfigureAwait(false);
            return await tracking.EndRunAsync(run.RunId, RunStatus.Finished, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tracking.EndRunAsync(run.RunId, RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
