using System.Globalization;
using System.Text;
using System.Text.Json;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Core.Serialization;
using LatentOps.Core.Tables;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Packaging;
using LatentOps.Monitoring.Drift;
using LatentOps.Monitoring.Drift.Embeddings;
using LatentOps.Monitoring.Performance;
using LatentOps.Monitoring.Policy;
using LatentOps.Reports.Drift;
using LatentOps.Reports.Html;
using LatentOps.Serving.Inference;
using LatentOps.Store.Datasets;
using LatentOps.Store.Registry;
using LatentOps.Store.Requests;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;

namespace LatentOps.Cli.Commands.Monitor;

/// <summary>
/// Monitoring of a registered model on its live traffic: the request-log window's inputs against the
/// model's training data (per feature and, through the model's encoder, on embeddings with MMD),
/// CBPE estimated accuracy, realised accuracy where feedback labels arrived. Recorded as a tracking run
/// in experiment <c>monitoring</c> (CONTRACTS.md). Shared by <c>monitor drift --model</c> and <c>monitor run</c>.
/// </summary>
internal static class ModelMonitor
{
    public const string Experiment = "monitoring";

    /// <summary>Rows per side for the MMD test (sampled without replacement, seed 0): the kernel matrix is (2 x this)^2.</summary>
    private const int EmbeddingRows = 1000;

    /// <summary>Rows of the training data scored for the reference accuracy.</summary>
    private const int ReferenceAccuracyRows = 5000;

    /// <summary>Parses <c>1d</c>/<c>12h</c> (time) or <c>N</c> (most recent N requests) into a query.</summary>
    public static RequestLogQuery Window(string model, string window, DateTimeOffset now, int? version = null)
    {
        if (int.TryParse(window, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
        {
            return new RequestLogQuery { Model = model, Version = version, Last = count };
        }

        var width = PolicyLoader.ParseDuration(window)
            ?? throw LatentOpsException.InvalidInput($"--window '{window}' is not a window; use a duration such as 1d, 12h or 30m, or a number of most recent requests such as 500.");
        return new RequestLogQuery { Model = model, Version = version, Since = now - width };
    }

    public static async Task<ModelDriftResult> RunAsync(CommandContext context, ModelRef reference, string window, DatasetRef? referenceData, string? reportPath, IProgress<Core.Progress.ProgressUpdate>? progress = null)
    {
        var ct = context.CancellationToken;
        var workspace = context.Workspace;
        var registry = StoreAccess.Registry(context);
        var version = await registry.ResolveAsync(reference, ct).ConfigureAwait(false);
        var lineage = await registry.GetLineageAsync(version.Name, version.Version, ct).ConfigureAwait(false);
        var dataRef = referenceData ?? TrainingData(lineage)
            ?? throw LatentOpsException.InvalidState($"Model {version.Reference} has no training dataset in its lineage; pass --reference NAME[:VERSION].");
        var now = DateTimeOffset.UtcNow;
        var requests = await workspace.Requests().ListAsync(Window(version.Name, window, now), ct).ConfigureAwait(false);
        if (requests.Count == 0)
        {
            throw LatentOpsException.InvalidState($"No logged requests for model {version.Name} in the window '{window}'. Serve it ('latentops serve') and send predict/embed requests, or widen --window.");
        }

        progress?.Report(new Core.Progress.ProgressUpdate("load", 0, 4, $"{requests.Count} requests"));
        var path = workspace.Artifacts.GetPath(version.PackageHash);
        var manifest = ModelPackage.ReadManifest(path);
        using var model = ModelPackage.Load(path);
        var inputs = manifest.Signature.Inputs.Select(i => new InputColumn(i.Name, i.Type, i.Nullable)).ToList();
        var live = LiveRows(requests, inputs);
        var catalog = new DatasetCatalog(workspace);
        var dataVersion = await catalog.GetVersionAsync(dataRef, ct).ConfigureAwait(false);
        var referenceTable = await catalog.LoadTableAsync(dataVersion, ct).ConfigureAwait(false);
        var missing = inputs.Where(i => !referenceTable.Contains(i.Name)).Select(i => i.Name).ToList();
        if (missing.Count > 0)
        {
            throw LatentOpsException.InvalidInput($"The reference dataset {dataVersion.Ref} lacks the model's input column(s) {string.Join(", ", missing)}.");
        }

        progress?.Report(new Core.Progress.ProgressUpdate("features", 1, 4, null));
        var columns = inputs.Select(i => i.Name).ToList();
        var features = new DatasetDriftDetector(new DatasetDriftOptions()).Run(referenceTable.Select(columns), live.Table, columns);

        progress?.Report(new Core.Progress.ProgressUpdate("embeddings", 2, 4, null));
        MmdResult? mmd = null;
        if (live.Table.RowCount >= 4)
        {
            mmd = new MmdDriftDetector(new MmdOptions()).Run(Embed(model, referenceTable, 1), Embed(model, live.Table, 2));
        }

        progress?.Report(new Core.Progress.ProgressUpdate("performance", 3, 4, null));
        PerformanceWindow? performance = null;
        IReadOnlyList<PerformanceWindow> timeline = [];
        double? referenceAccuracy = null;
        string? referenceSource = null;
        var labelled = 0;
        if (model.Classes is { } classes)
        {
            var feedback = await workspace.Requests().ListFeedbackAsync([.. requests.Select(r => r.RequestId)], ct).ConfigureAwait(false);
            var labels = new int?[live.Table.RowCount];
            foreach (var f in feedback)
            {
                var index = Index(classes, f.Label);
                if (index >= 0 && live.Offsets.TryGetValue(f.RequestId, out var offset))
                {
                    labels[offset + f.Row] = index;
                    labelled++;
                }
            }

            var scored = new ScoredPredictions(model.PredictProbabilities(live.Table), classes.Count, labels, live.Times);
            var monitor = new PerformanceMonitor();
            performance = monitor.Run(scored, WindowSpec.ByCount(live.Table.RowCount))[0];
            timeline = monitor.Run(scored, WindowSpec.ByCount(Math.Max(1, (live.Table.RowCount + 4) / 5)));
            (referenceAccuracy, referenceSource) = await ReferenceAccuracyAsync(context, version, model, catalog, dataVersion, referenceTable, referenceData is null, classes, ct).ConfigureAwait(false);
        }

        var result = new ModelDriftResult(
            version.Reference,
            dataVersion.Ref.ToString(),
            window,
            requests.Count,
            live.Table.RowCount,
            referenceTable.RowCount,
            requests[0].At,
            requests[^1].At,
            features,
            mmd,
            performance,
            timeline,
            labelled,
            referenceAccuracy,
            referenceSource,
            null,
            null);
        string? savedReport = null;
        HtmlReport? html = null;
        if (reportPath is not null)
        {
            html = Report(result);
            savedReport = await html.SaveAsync(reportPath, ct).ConfigureAwait(false);
        }

        var run = await RecordAsync(context, result, html, ct).ConfigureAwait(false);
        progress?.Report(new Core.Progress.ProgressUpdate("done", 4, 4, null));
        return result with { RunId = run, Report = savedReport };
    }

    /// <summary>
    /// The champion's accuracy on held-out rows, the baseline of the accuracy-drop rules, and where it was
    /// measured: its latest finished evaluation run (<c>latentops evaluate model</c>, or the loop's own
    /// held-out evaluation), else the test part of the split its training data came from, else (said so)
    /// in-sample on the reference data.
    /// </summary>
    private static async Task<(double? Accuracy, string? Source)> ReferenceAccuracyAsync(
        CommandContext context, ModelVersion version, TabularEncoderModel model, DatasetCatalog catalog, DatasetVersion reference, Table referenceTable, bool isTrainingData, IReadOnlyList<string> classes, CancellationToken ct)
    {
        var evaluations = await StoreAccess.Tracking(context).SearchRunsAsync(new RunQuery
        {
            Experiment = "evaluation",
            Status = RunStatus.Finished,
            Filter = $"tags.latentops.model = '{version.Reference}' and tags.latentops.kind = 'evaluation'",
            MaxResults = 1,
        }, ct).ConfigureAwait(false);
        if (evaluations.Count > 0 && evaluations[0].Metrics.TryGetValue("accuracyScore", out var evaluated) && !double.IsNaN(evaluated))
        {
            var run = evaluations[0];
            return (evaluated, $"held-out: evaluation run {StoreAccess.Short(run.Info.RunId)} of {version.Reference} on {run.Tags.GetValueOrDefault("latentops.dataset") ?? "?"}");
        }

        if (await catalog.GetSplitSiblingAsync(reference, ct).ConfigureAwait(false) is { } sibling
            && sibling.Provenance.Transform?.Parameters.GetValueOrDefault("part") == "test")
        {
            var test = await catalog.LoadTableAsync(sibling, ct).ConfigureAwait(false);
            if (Accuracy(model, test, classes) is { } heldOut)
            {
                return (heldOut, $"held-out: {sibling.Ref}, the test part of the split {reference.Ref} came from (up to {ReferenceAccuracyRows:N0} rows)");
            }
        }

        var inSample = Accuracy(model, referenceTable, classes);
        return (inSample, inSample is null ? null : isTrainingData
            ? $"in-sample: {reference.Ref}, the training data (no evaluation run of {version.Reference} and no held-out split; run 'latentops evaluate model {version.Reference} --data HELD-OUT')"
            : $"on the reference data {reference.Ref} (up to {ReferenceAccuracyRows:N0} rows)");
    }

    /// <summary>The training dataset of a model version, from its run's lineage.</summary>
    public static DatasetRef? TrainingData(ModelLineage lineage) =>
        lineage.Datasets.FirstOrDefault(d => d.Role == "train") is { } train ? new DatasetRef(train.Name, train.Version) : null;

    /// <summary>Accuracy of <paramref name="model"/> on up to 5,000 rows of a table with the model's label column (null without it).</summary>
    public static double? Accuracy(TabularEncoderModel model, Table table, IReadOnlyList<string> classes)
    {
        if (model.LabelColumn is not { } label || !table.TryGetColumn(label, out var column))
        {
            return null;
        }

        var rows = Enumerable.Range(0, Math.Min(table.RowCount, ReferenceAccuracyRows)).ToArray();
        var sample = table.Take(rows);
        var probabilities = model.PredictProbabilities(sample);
        var labels = sample[label];
        int correct = 0, counted = 0;
        for (var r = 0; r < sample.RowCount; r++)
        {
            var truth = labels.GetValue(r) is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
            var index = truth is null ? -1 : Index(classes, truth);
            if (index < 0)
            {
                continue;
            }

            counted++;
            correct += ArgMax(probabilities.AsSpan(r * classes.Count, classes.Count)) == index ? 1 : 0;
        }

        return counted == 0 ? null : correct / (double)counted;
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }

    private static int Index(IReadOnlyList<string> classes, string label)
    {
        for (var i = 0; i < classes.Count; i++)
        {
            if (string.Equals(classes[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static EmbeddingMatrix Embed(TabularEncoderModel model, Table table, int seed)
    {
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        if (rows.Length > EmbeddingRows)
        {
            new Random(seed).Shuffle(rows);
            rows = rows[..EmbeddingRows];
            Array.Sort(rows);
        }

        var embeddings = model.Embed(table.Take(rows));
        return new EmbeddingMatrix(embeddings.Values, embeddings.Rows, embeddings.Dimension);
    }

    private static (Table Table, Dictionary<string, int> Offsets, List<DateTime> Times) LiveRows(IReadOnlyList<LoggedRequest> requests, IReadOnlyList<InputColumn> inputs)
    {
        var parts = new List<Table>(requests.Count);
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        var times = new List<DateTime>();
        var offset = 0;
        foreach (var request in requests)
        {
            using var document = JsonDocument.Parse(request.Inputs);
            Table part;
            try
            {
                part = RowBinder.Bind(document.RootElement, inputs, int.MaxValue);
            }
            catch (RowValidationException ex)
            {
                throw LatentOpsException.InvalidState($"Logged request {request.RequestId} does not fit the model's signature ({ex.Message}); was it answered by a version with other inputs? Use --model with that version.");
            }

            parts.Add(part);
            offsets[request.RequestId] = offset;
            offset += part.RowCount;
            times.AddRange(Enumerable.Repeat(request.At.UtcDateTime, part.RowCount));
        }

        return (Table.Concat(parts), offsets, times);
    }

    private static HtmlReport Report(ModelDriftResult result)
    {
        var html = DriftReport.Build(new DriftReportInput(
            $"Drift of {result.Model} on live traffic",
            $"{result.Reference} ({result.ReferenceRows} rows, the training data)",
            $"request log window '{result.Window}': {result.Requests} requests, {result.CurrentRows} rows, {result.From:u} to {result.To:u}",
            result.Features,
            result.Embedding is { } e ? [e.Test] : [],
            []));
        if (result.Performance is { } p)
        {
            html.Heading("Performance");
            html.KeyValues(new Dictionary<string, string>
            {
                ["estimated accuracy (CBPE)"] = $"{p.EstimatedAccuracyScore:0.000} (band {p.LowerBand:0.000} to {p.UpperBand:0.000})",
                ["realised accuracy (feedback)"] = p.RealisedAccuracyScore is { } r ? $"{r:0.000} on {p.LabelledRows} labelled rows" : $"not enough labels ({p.LabelledRows})",
                ["calibration error (ECE) on labelled rows"] = p.CalibrationError is { } c ? c.ToString("0.000", CultureInfo.InvariantCulture) : "-",
                ["reference accuracy"] = result.ReferenceAccuracy is { } a ? $"{a.ToString("0.000", CultureInfo.InvariantCulture)} ({result.ReferenceAccuracySource})" : "-",
            });
            html.Table("Performance per window (oldest first)", ["window", "rows", "estimated", "band", "labelled", "realised", "ECE"],
                result.Timeline.Select(w => (IReadOnlyList<string>)[
                    w.Index.ToString(CultureInfo.InvariantCulture),
                    w.Rows.ToString(CultureInfo.InvariantCulture),
                    w.EstimatedAccuracyScore.ToString("0.000", CultureInfo.InvariantCulture),
                    $"{w.LowerBand:0.000}-{w.UpperBand:0.000}",
                    w.LabelledRows.ToString(CultureInfo.InvariantCulture),
                    w.RealisedAccuracyScore?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-",
                    w.CalibrationError?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-"]));
        }

        return html;
    }

    private static async Task<string> RecordAsync(CommandContext context, ModelDriftResult result, HtmlReport? html, CancellationToken ct)
    {
        var tracking = StoreAccess.Tracking(context);
        var run = await tracking.CreateRunAsync(new RunStart
        {
            Experiment = Experiment,
            Name = $"drift {result.Model}",
            Params = new Dictionary<string, string> { ["window"] = result.Window, ["reference"] = result.Reference },
            Tags = new Dictionary<string, string>
            {
                ["latentops.kind"] = "monitoring",
                ["latentops.model"] = result.Model,
                ["latentops.dataset"] = result.Reference,
            },
        }, ct).ConfigureAwait(false);
        try
        {
            var now = DateTimeOffset.UtcNow;
            var points = new List<MetricPoint>
            {
                new("drift.share", result.Features.DriftedShare, 0, now),
                new("current.rows", result.CurrentRows, 0, now),
            };
            if (result.Embedding is { } e)
            {
                points.Add(new("drift.embedding_score", e.Test.Statistic, 0, now));
                points.Add(new("drift.embedding_p_value", e.Test.PValue ?? double.NaN, 0, now));
            }

            if (result.Performance is { } p)
            {
                points.Add(new("estimated.accuracy", p.EstimatedAccuracyScore, 0, now));
                if (p.RealisedAccuracyScore is { } realised)
                {
                    points.Add(new("realised.accuracy", realised, 0, now));
                }
            }

            await tracking.LogMetricsAsync(run.RunId, points, ct).ConfigureAwait(false);
            var json = await context.Workspace.Artifacts.PutAsync(Encoding.UTF8.GetBytes(LatentOpsJson.Serialize(result)), ct).ConfigureAwait(false);
            await tracking.LogArtifactAsync(run.RunId, new RunArtifact("drift.json", json.Hash, json.Size), ct).ConfigureAwait(false);
            if (html is not null)
            {
                var page = await context.Workspace.Artifacts.PutAsync(Encoding.UTF8.GetBytes(html.Render()), ct).ConfigureAwait(false);
                await tracking.LogArtifactAsync(run.RunId, new RunArtifact("drift.html", page.Hash, page.Size), ct).ConfigureAwait(false);
            }

            await tracking.EndRunAsync(run.RunId, RunStatus.Finished, ct).ConfigureAwait(false);
            return run.RunId;
        }
        catch
        {
            await tracking.EndRunAsync(run.RunId, RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}

/// <summary>The result of monitoring a model on a request-log window.</summary>
/// <param name="Model">The model version monitored (<c>NAME:VERSION</c>).</param>
/// <param name="Reference">The reference dataset version (the training data unless given).</param>
/// <param name="Window">The window as asked (<c>1d</c>, <c>500</c>).</param>
/// <param name="Requests">Logged requests in the window.</param>
/// <param name="CurrentRows">Rows in those requests.</param>
/// <param name="ReferenceRows">Rows of the reference.</param>
/// <param name="From">First request time.</param>
/// <param name="To">Last request time.</param>
/// <param name="Features">Per-feature drift (Evidently's automatic test choice, Bonferroni).</param>
/// <param name="Embedding">MMD on the model's embeddings (up to 1,000 rows a side), when the window has 4 rows or more.</param>
/// <param name="Performance">CBPE and realised accuracy over the whole window (classifiers only).</param>
/// <param name="Timeline">The same in up to five consecutive windows.</param>
/// <param name="LabelledRows">Rows with feedback labels.</param>
/// <param name="ReferenceAccuracy">The model's accuracy on held-out rows (see <paramref name="ReferenceAccuracySource"/>).</param>
/// <param name="ReferenceAccuracySource">Where it was measured: an evaluation run, the test part of the training split, or in-sample (said so).</param>
/// <param name="RunId">The tracking run in experiment <c>monitoring</c>.</param>
/// <param name="Report">The HTML report written, if asked.</param>
internal sealed record ModelDriftResult(
    string Model,
    string Reference,
    string Window,
    int Requests,
    int CurrentRows,
    int ReferenceRows,
    DateTimeOffset From,
    DateTimeOffset To,
    DatasetDriftResult Features,
    MmdResult? Embedding,
    PerformanceWindow? Performance,
    IReadOnlyList<PerformanceWindow> Timeline,
    int LabelledRows,
    double? ReferenceAccuracy,
    string? ReferenceAccuracySource,
    string? RunId,
    string? Report);
