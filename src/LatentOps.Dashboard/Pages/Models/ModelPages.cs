using System.Globalization;
using LatentOps.Dashboard.Auth;
using LatentOps.Dashboard.Facts;
using LatentOps.Dashboard.Layout;
using LatentOps.Reports.Charts;
using LatentOps.Store.Registry;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LatentOps.Dashboard.Pages.Models;

/// <summary>
/// <c>/models</c> (every model), <c>/models/{name}</c> (versions, aliases and their history, runs
/// compared side by side) and <c>/models/{name}/{version}</c> (card, metrics with intervals, slices,
/// reliability diagram, training curve, lineage, and a Promote form for admins).
/// </summary>
internal static class ModelPages
{
    /// <summary>Parameters and metrics compared side by side at most (the rest are in 'latentops runs compare').</summary>
    public const int ComparedRows = 40;

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/models", ListAsync);
        pages.MapGet("/models/{name}", ShowModelAsync);
        pages.MapGet("/models/{name}/{version:int}", ShowVersionAsync);
        pages.MapGet("/models/{name}/{version:int}/card", ShowCardAsync);
        pages.MapPost("/models/{name}/{version:int}/promote", PromoteAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IModelRegistry registry, CancellationToken cancellationToken)
    {
        var models = await registry.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        var content = new PageContent();
        content.Explain("Each model has numbered versions; an alias (such as 'champion') marks the version in use. Open a model to compare its versions, or a version to read its card and test results.");
        if (models.Count == 0)
        {
            content.Empty("No model is registered yet. Run 'latentops quickstart' or 'latentops train ... --register NAME'.");
        }
        else
        {
            content.TableHtml("Registered models", ["model", "versions", "aliases", "first registered"],
                models.Select(m => (IReadOnlyList<string>)
                [
                    PageContent.Link($"/models/{PageContent.Segment(m.Name)}", m.Name),
                    Format.Count(m.LatestVersion),
                    PageContent.Encode(m.Aliases.Count == 0 ? "none" : string.Join(", ", m.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} → version {a.Value}"))),
                    Format.Time(m.CreatedAt),
                ]));
        }

        return DashboardLayout.Page(http, "Models", content);
    }

    private static async Task<IResult> ShowModelAsync(string name, HttpContext http, Workspace workspace, IModelRegistry registry, CancellationToken cancellationToken)
    {
        var details = await registry.GetModelAsync(name, cancellationToken).ConfigureAwait(false);
        var history = await registry.GetAliasHistoryAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        var evaluations = await new WorkspaceFacts(workspace).RunsAsync(TrackingTags.EvaluationExperiment, name, cancellationToken).ConfigureAwait(false);
        var content = new PageContent();
        var segment = PageContent.Segment(name);

        content.Heading("Versions");
        content.TableHtml($"Versions of {name}", ["version", "registered", "by", "aliases", "training run"],
            details.Versions.Select(v => (IReadOnlyList<string>)
            [
                PageContent.Link($"/models/{segment}/{v.Version}", $"version {v.Version}"),
                Format.Time(v.CreatedAt), PageContent.Encode(v.CreatedBy),
                PageContent.Encode(v.Aliases.Count == 0 ? string.Empty : string.Join(", ", v.Aliases)),
                PageContent.Encode(v.RunId[..8]),
            ]));

        content.Heading("Versions compared side by side");
        content.Explain("Settings used to train each version, the figures its training recorded, and the results of its latest evaluation on held-out data (data the model did not learn from). Empty cells: not recorded for that version.");
        var columns = new List<(ModelVersion Version, IReadOnlyDictionary<string, string> Params, IReadOnlyDictionary<string, double> Metrics)>();
        foreach (var version in details.Versions.Take(6))
        {
            var lineage = await registry.GetLineageAsync(name, version.Version, cancellationToken).ConfigureAwait(false);
            var metrics = new Dictionary<string, double>(lineage.Metrics, StringComparer.Ordinal);
            if (evaluations.FirstOrDefault(r => WorkspaceFacts.ModelVersionOf(r) == version.Version) is { } evaluation)
            {
                foreach (var (key, value) in evaluation.Metrics.Where(m => !m.Key.Contains(".ci_", StringComparison.Ordinal)))
                {
                    metrics[$"evaluation: {key}"] = value;
                }
            }

            columns.Add((version, lineage.Params, metrics));
        }

        var paramKeys = columns.SelectMany(c => c.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var metricKeys = columns.SelectMany(c => c.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = paramKeys.Select(k => (IReadOnlyList<string>)["setting", k, .. columns.Select(c => c.Params.GetValueOrDefault(k, string.Empty))])
            .Concat(metricKeys.Select(k => (IReadOnlyList<string>)["result", k, .. columns.Select(c => c.Metrics.TryGetValue(k, out var v) ? Format.Number(v) : string.Empty)]))
            .Take(ComparedRows)
            .ToList();
        if (rows.Count == 0)
        {
            content.Empty("The training runs of these versions recorded no settings or figures.");
        }
        else
        {
            content.Table($"Settings and results of {name}, one column per version", ["kind", "name", .. columns.Select(c => $"version {c.Version.Version}")], rows);
            if (paramKeys.Count + metricKeys.Count > ComparedRows)
            {
                content.Paragraph($"The first {ComparedRows} rows are shown; 'latentops runs compare' lists all of them.");
            }
        }

        content.Heading("Alias history");
        content.Explain("Every time an alias moved from one version to another: by whom, how (set by hand, promoted after passing the checks, forced, or rolled back) and why.");
        if (history.Count == 0)
        {
            content.Empty("No alias has been set for this model.");
        }
        else
        {
            content.Table($"Alias moves of {name}, newest first", ["when", "alias", "from", "to", "how", "by", "reason"],
                history.Reverse().Select(m => (IReadOnlyList<string>)
                [
                    Format.Time(m.At), m.Alias, m.FromVersion is { } f ? $"version {f}" : "none", $"version {m.ToVersion}", m.Kind, m.Actor, m.Reason ?? string.Empty,
                ]));
        }

        content.Raw($"<p>{PageContent.Link($"/monitoring/{segment}", $"Monitoring of {name} (drift, estimated performance, rollback)")}</p>");
        return DashboardLayout.Page(http, $"Model {name}", content, $"{details.Versions.Count} versions; {AliasSummary(details.Model)}.");
    }

    private static Task<IResult> ShowVersionAsync(string name, int version, HttpContext http, Workspace workspace, IModelRegistry registry, CancellationToken cancellationToken) =>
        VersionPageAsync(name, version, http, workspace, registry, null, cancellationToken);

    // The result page of a promotion is the version page with what the gates said (a redirect would lose it).
    private static async Task<IResult> PromoteAsync(string name, int version, HttpContext http, Workspace workspace, IModelRegistry registry, CancellationToken cancellationToken)
    {
        var outcome = await PromotionSection.PromoteAsync(name, version, http, workspace, cancellationToken).ConfigureAwait(false);
        return await VersionPageAsync(name, version, http, workspace, registry, outcome, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> VersionPageAsync(string name, int version, HttpContext http, Workspace workspace, IModelRegistry registry, PromotionResult? promotion, CancellationToken cancellationToken)
    {
        var lineage = await registry.GetLineageAsync(name, version, cancellationToken).ConfigureAwait(false);
        var evaluation = (await new WorkspaceFacts(workspace).RunsAsync(TrackingTags.EvaluationExperiment, name, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(r => WorkspaceFacts.ModelVersionOf(r) == version);
        var content = new PageContent();
        var v = lineage.Version;

        content.Heading("Model card", id: "card");
        await ModelCardSection.AddSummaryAsync(content, workspace, v, cancellationToken).ConfigureAwait(false);

        content.Heading("Facts");
        content.KeyValues(
        [
            new("Registered", $"{Format.Time(v.CreatedAt)} by {v.CreatedBy}"),
            new("Aliases pointing here", v.Aliases.Count == 0 ? "none" : string.Join(", ", v.Aliases)),
            new("Training run", $"{lineage.Run.Name} ({v.RunId[..8]}), {lineage.Run.Status.ToString().ToLowerInvariant()}"),
            new("Trained on", lineage.Datasets.Count == 0 ? "not recorded" : string.Join(", ", lineage.Datasets.Select(d => $"{d.Name}:{d.Version} ({d.Role})"))),
            new("Package fingerprint", v.PackageHash[..16]),
        ]);
        if (lineage.Datasets.Count > 0)
        {
            content.Raw("<p>Training data: " + string.Join(", ", lineage.Datasets.Select(d => PageContent.Link($"/datasets/{PageContent.Segment(d.Name)}?version={d.Version}", $"{d.Name} version {d.Version}"))) + "</p>");
        }

        await AddTrainingCurveAsync(content, workspace, lineage, cancellationToken).ConfigureAwait(false);
        await AddEvaluationAsync(content, workspace, evaluation, v, cancellationToken).ConfigureAwait(false);
        PromotionSection.Add(content, name, version, DashboardAccess.CurrentUser(http), promotion);
        return DashboardLayout.Page(http, $"Model {name}, version {version}", content, AliasSummaryOf(v));
    }

    private static async Task<IResult> ShowCardAsync(string name, int version, HttpContext http, Workspace workspace, IModelRegistry registry, CancellationToken cancellationToken)
    {
        var resolved = await registry.ResolveAsync(new LatentOps.Core.References.ModelRef(name, version, null), cancellationToken).ConfigureAwait(false);
        var card = await ModelCardSection.BuildAsync(workspace, resolved, runDataChecks: true, cancellationToken).ConfigureAwait(false);
        var content = new PageContent();
        content.Explain("Sections marked as written by people come from the card's written-sections file in the workspace; everything else is filled in from what LatentOps recorded. 'latentops card' writes the same card to a file.");
        content.Report(LatentOps.Governance.Cards.ModelCardRenderer.ToHtmlReport(card));
        content.Raw($"<p>{PageContent.Link($"/models/{PageContent.Segment(name)}/{version}", $"Back to {resolved.Reference}")}</p>");
        return DashboardLayout.Page(http, $"Model card: {resolved.Reference}", content, $"Generated {Format.Time(card.GeneratedAt)} from the workspace.");
    }

    private static async Task AddTrainingCurveAsync(PageContent content, Workspace workspace, ModelLineage lineage, CancellationToken cancellationToken)
    {
        var tracking = workspace.Tracking("dashboard");
        var train = await tracking.GetMetricHistoryAsync(lineage.Run.RunId, "trainLoss", cancellationToken).ConfigureAwait(false);
        if (train.Count < 2)
        {
            return;
        }

        var validation = await tracking.GetMetricHistoryAsync(lineage.Run.RunId, "validationLoss", cancellationToken).ConfigureAwait(false);
        var series = new List<LineSeries> { new("training", [.. train.Select(p => (double)p.Step)], [.. train.Select(p => p.Value)]) };
        if (validation.Count > 1)
        {
            series.Add(new LineSeries("validation", [.. validation.Select(p => (double)p.Step)], [.. validation.Select(p => p.Value)]));
        }

        content.Heading("Training");
        content.Explain("How the model's error went down while it learned, one point per pass over the training data (an epoch). Lower is better; a validation line that rises while training falls means the model memorises instead of learning.");
        content.Chart(Chart.Lines("Loss per epoch", series, "epoch", "loss"),
            $"Training loss per epoch: from {Format.Number(train[0].Value)} at epoch {train[0].Step} to {Format.Number(train[^1].Value)} at epoch {train[^1].Step}.");
    }

    private static async Task AddEvaluationAsync(PageContent content, Workspace workspace, Run? evaluation, ModelVersion version, CancellationToken cancellationToken)
    {
        content.Heading("Test results", id: "metrics");
        if (evaluation is null)
        {
            content.Empty($"This version has not been evaluated yet. Run 'latentops evaluate model {version.Reference} --data DATASET' to test it on held-out data.");
            return;
        }

        content.Explain("How well this version did on held-out data (rows it never saw while learning). The interval is the range the true value very likely lies in; a narrow interval means a trustworthy figure.");
        content.Paragraph($"Evaluated {Format.Time(evaluation.Info.StartTime)} on {evaluation.Tags.GetValueOrDefault(TrackingTags.Dataset, "a held-out dataset")}.");
        var headline = evaluation.Metrics.Keys.Where(k => k.EndsWith(".ci_low", StringComparison.Ordinal)).Select(k => k[..^".ci_low".Length]).ToHashSet(StringComparer.Ordinal);
        var ordered = evaluation.Metrics.Where(m => !m.Key.Contains(".ci_", StringComparison.Ordinal))
            .OrderByDescending(m => headline.Contains(m.Key)).ThenBy(m => m.Key, StringComparer.Ordinal).ToList();
        content.Table($"Metrics of {version.Reference}", ["metric", "value", "interval", "what it means"],
            ordered.Select(m => (IReadOnlyList<string>)
            [
                m.Key, Format.Number(m.Value),
                evaluation.Metrics.TryGetValue(m.Key + ".ci_low", out var low) && evaluation.Metrics.TryGetValue(m.Key + ".ci_high", out var high) ? $"{Format.Number(low)} to {Format.Number(high)}" : string.Empty,
                MetricGlossary.Explain(m.Key),
            ]));

        var facts = await EvaluationFacts.ReadAsync(workspace, evaluation, cancellationToken).ConfigureAwait(false);
        content.Heading("Reliability diagram", 3, id: "reliability");
        content.Explain("When the model says it is 80% sure, is it right 80% of the time? Each point compares the model's stated confidence with how often it was actually right; points on the dashed diagonal mean its confidence can be taken at face value.");
        var bins = facts.Bins.Where(b => b.Count > 0 && !double.IsNaN(b.MeanConfidence) && !double.IsNaN(b.Accuracy)).ToList();
        if (bins.Count == 0)
        {
            content.Empty("This evaluation recorded no calibration bins.");
        }
        else
        {
            var svg = Chart.Lines("Reliability diagram",
                [
                    new LineSeries("model", [.. bins.Select(b => b.MeanConfidence)], [.. bins.Select(b => b.Accuracy)]),
                    new LineSeries("perfectly calibrated", [0.0, 1.0], [0.0, 1.0], Markers: false, Dashed: true),
                ], "stated confidence", "share right");
            var ece = facts.ExpectedCalibrationError is { } e ? $" Expected calibration error {Format.Number(e)} (0 is perfect)." : string.Empty;
            content.Chart(svg, $"Reliability diagram of {version.Reference} over {bins.Count} confidence bins: " +
                string.Join("; ", bins.Select(b => $"said {Format.Percent(b.MeanConfidence)}, right {Format.Percent(b.Accuracy)} ({Format.Count(b.Count)} rows)")) + "." + ece);
        }

        content.Heading("Slices", 3, id: "slices");
        content.Explain("The same test result on groups of rows that share a value (a slice), beside all other rows. A flagged slice does noticeably worse than the rest: the model may be less reliable for that group.");
        if (facts.Slices.Count == 0)
        {
            content.Empty("This evaluation recorded no slices.");
        }
        else
        {
            content.Table($"Results of {version.Reference} per slice", ["column", "value", "rows", "metric", "on the slice", "interval", "on the other rows", "flagged"],
                facts.Slices.OrderByDescending(s => s.Flagged).ThenBy(s => s.Column, StringComparer.Ordinal).ThenBy(s => s.Value, StringComparer.Ordinal)
                    .Select(s => (IReadOnlyList<string>)
                    [
                        s.Column, s.Value, Format.Count(s.Rows), s.Metric, Format.Number(s.Value_),
                        double.IsNaN(s.Lower) ? string.Empty : $"{Format.Number(s.Lower)} to {Format.Number(s.Upper)}",
                        Format.Number(s.Rest), s.Flagged ? "yes: worse than the rest" : "no",
                    ]));
        }
    }

    private static string AliasSummary(RegisteredModel model) => model.Aliases.Count == 0
        ? "no alias set"
        : string.Join(", ", model.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} → version {a.Value.ToString(CultureInfo.InvariantCulture)}"));

    private static string AliasSummaryOf(ModelVersion version) => version.Aliases.Count == 0
        ? $"Registered {Format.Time(version.CreatedAt)}; no alias points here."
        : $"Registered {Format.Time(version.CreatedAt)}; {string.Join(", ", version.Aliases)} point{(version.Aliases.Count == 1 ? "s" : string.Empty)} here.";
}
