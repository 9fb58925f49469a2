using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Dashboard.Auth;
using LatentOps.Dashboard.Facts;
using LatentOps.Dashboard.Layout;
using LatentOps.Reports.Charts;
using LatentOps.Store.Audit;
using LatentOps.Store.Registry;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LatentOps.Dashboard.Pages.Monitoring;

/// <summary>
/// <c>/monitoring</c> (every model's latest check and the loop's recent decisions) and
/// <c>/monitoring/{name}</c> (drift and estimated-performance timelines from the <c>monitoring</c>
/// runs, decisions of the retraining loop, alias history, and a Rollback button for admins that calls
/// the registry's audited rollback).
/// </summary>
internal static class MonitoringPages
{
    /// <summary>Checks drawn on a timeline (the newest).</summary>
    public const int TimelineRuns = 200;

    /// <summary>Decisions listed (the newest).</summary>
    public const int Decisions = 20;

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/monitoring", ListAsync);
        pages.MapGet("/monitoring/{name}", ShowAsync);
        pages.MapPost("/monitoring/{name}/rollback", RollbackAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, Workspace workspace, IModelRegistry registry, CancellationToken cancellationToken)
    {
        var models = await registry.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        var facts = new WorkspaceFacts(workspace);
        var runs = await facts.RunsAsync(TrackingTags.MonitoringExperiment, null, cancellationToken).ConfigureAwait(false);
        var content = new PageContent();
        content.Explain("Monitoring compares the data a model receives now with the data it learned from (drift), and estimates how well it is doing when the true answers are not known yet. " +
            "When things get worse, the retraining loop decides what to do, and an admin can roll a model back to its previous version.");
        if (models.Count == 0)
        {
            content.Empty("No model is registered yet.");
        }
        else
        {
            content.TableHtml("Models and their latest monitoring check", ["model", "aliases", "checks", "latest check"],
                models.Select(m =>
                {
                    var own = runs.Where(r => WorkspaceFacts.ModelNameOf(r) == m.Name).ToList();
                    return (IReadOnlyList<string>)
                    [
                        PageContent.Link($"/monitoring/{PageContent.Segment(m.Name)}", m.Name),
                        PageContent.Encode(m.Aliases.Count == 0 ? "none" : string.Join(", ", m.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} → version {a.Value}"))),
                        Format.Count(own.Count),
                        own.Count == 0 ? "<span class=\"hint\">not monitored yet ('latentops monitor drift --model NAME@champion')</span>" : DriftText.Badge(own[0]),
                    ];
                }));
        }

        await AddDecisionsAsync(content, workspace, null, cancellationToken).ConfigureAwait(false);
        return DashboardLayout.Page(http, "Monitoring", content);
    }

    private static async Task<IResult> ShowAsync(string name, string? moved, int? from, int? to, HttpContext http, Workspace workspace, IModelRegistry registry, CancellationToken cancellationToken)
    {
        var details = await registry.GetModelAsync(name, cancellationToken).ConfigureAwait(false);
        var history = await registry.GetAliasHistoryAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        var runs = (await new WorkspaceFacts(workspace).RunsAsync(TrackingTags.MonitoringExperiment, name, cancellationToken).ConfigureAwait(false))
            .Take(TimelineRuns).Reverse().ToList();
        var user = DashboardAccess.CurrentUser(http);
        var content = new PageContent();
        if (moved is not null && to is not null)
        {
            content.Raw($"<div class=\"finding ok\" role=\"status\"><strong>ok: {PageContent.Encode(moved)} rolled back</strong><p>{PageContent.Encode($"{name}@{moved} moved from version {from?.ToString(CultureInfo.InvariantCulture) ?? "none"} to version {to}. The server answers with version {to} within a second; the move is in the audit log.")}</p></div>");
        }

        AddAliases(content, name, details, history, user);
        AddTimelines(content, name, runs);
        await AddDecisionsAsync(content, workspace, name, cancellationToken).ConfigureAwait(false);

        content.Heading("Alias history");
        if (history.Count == 0)
        {
            content.Empty("No alias has been set for this model.");
        }
        else
        {
            content.Table($"Alias moves of {name}, newest first", ["when", "alias", "from", "to", "how", "by", "reason"],
                history.Reverse().Take(30).Select(m => (IReadOnlyList<string>)
                [
                    Format.Time(m.At), m.Alias, m.FromVersion is { } f ? $"version {f}" : "none", $"version {m.ToVersion}", m.Kind, m.Actor, m.Reason ?? string.Empty,
                ]));
        }

        return DashboardLayout.Page(http, $"Monitoring of {name}", content, runs.Count == 0 ? "Not monitored yet." : $"{runs.Count} checks, the latest {Format.Time(runs[^1].Info.StartTime)}.");
    }

    private static async Task<IResult> RollbackAsync(string name, HttpContext http, Workspace workspace, IModelRegistry registry, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var alias = form["alias"].ToString();
        var model = (await registry.GetModelAsync(name, cancellationToken).ConfigureAwait(false)).Model;
        if (!model.Aliases.ContainsKey(alias))
        {
            throw LatentOpsException.InvalidInput($"Model {name} has no alias '{alias}'; its aliases are: {(model.Aliases.Count == 0 ? "none" : string.Join(", ", model.Aliases.Keys))}.");
        }

        var user = DashboardAccess.CurrentUser(http);
        var move = await workspace.Registry(user.Actor).RollbackAsync(name, alias, cancellationToken).ConfigureAwait(false);
        var query = $"moved={Uri.EscapeDataString(alias)}&to={move.ToVersion}" + (move.FromVersion is { } f ? $"&from={f}" : string.Empty);
        return Results.Redirect($"/monitoring/{PageContent.Segment(name)}?{query}");
    }

    private static void AddAliases(PageContent content, string name, ModelDetails details, IReadOnlyList<AliasMove> history, DashboardUser user)
    {
        content.Heading("Versions in use");
        if (details.Model.Aliases.Count == 0)
        {
            content.Empty($"No alias is set for {name}, so there is nothing to roll back.");
            return;
        }

        content.Explain("Rolling back moves an alias back to the version it pointed at before its last move. Requests that use the alias are answered by that version within a second.");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (alias, version) in details.Model.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var last = history.LastOrDefault(m => m.Alias == alias);
            var back = last?.FromVersion;
            string action;
            if (!user.CanChange)
            {
                action = "<span class=\"hint\">Rolling back needs an admin key.</span>";
            }
            else if (back is null)
            {
                action = "<span class=\"hint\">Nothing to roll back to (no earlier version).</span>";
            }
            else
            {
                var label = $"Roll back {alias} to version {back}";
                action = $"<form method=\"post\" action=\"/monitoring/{PageContent.Segment(name)}/rollback\">" +
                    $"<input type=\"hidden\" name=\"alias\" value=\"{PageContent.Encode(alias)}\">" +
                    $"<button type=\"submit\" class=\"danger\" data-confirm=\"{PageContent.Encode($"Move {name}@{alias} from version {version} back to version {back}?")}\">{PageContent.Encode(label)}</button></form>";
            }

            rows.Add(
            [
                PageContent.Encode(alias),
                PageContent.Link($"/models/{PageContent.Segment(name)}/{version}", $"version {version}"),
                PageContent.Encode(last is null ? string.Empty : $"{last.Kind} by {last.Actor}, {Format.Time(last.At)}"),
                action,
            ]);
        }

        content.TableHtml($"Aliases of {name}", ["alias", "points at", "last move", "rollback"], rows);
    }

    private static void AddTimelines(PageContent content, string name, IReadOnlyList<Run> runs)
    {
        content.Heading("Drift over time");
        content.Explain("Drift: how much the data the model receives has changed compared with the data it learned from. " +
            "The line shows, for each check, the share of input columns whose values changed noticeably; 0% means nothing changed. A rising line is an early warning that answers may get worse.");
        if (runs.Count == 0)
        {
            content.Empty($"No monitoring check yet. Run 'latentops monitor drift --model {name}@champion --data DATASET' or 'latentops monitor run'.");
            return;
        }

        var x = Enumerable.Range(1, runs.Count).Select(i => (double)i).ToArray();
        var drift = Series(runs, TrackingTags.DriftShare, x);
        if (drift is not null)
        {
            var series = new List<LineSeries> { drift with { Name = "share of inputs that drifted" } };
            if (Series(runs, TrackingTags.EmbeddingDrift, x) is { } embedding)
            {
                series.Add(embedding with { Name = "embedding drift score" });
            }

            content.Chart(Chart.Lines($"Drift of {name}", series, "check (oldest first)", "drift"),
                $"Drift of {name} over {runs.Count} checks, oldest first: share of inputs that drifted " +
                string.Join(", ", runs.Select(r => r.Metrics.TryGetValue(TrackingTags.DriftShare, out var v) ? Format.Percent(v) : "n/a")) + ".");
        }

        var estimated = runs.SelectMany(r => r.Metrics.Keys).Where(k => k.StartsWith(TrackingTags.EstimatedPrefix, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
        content.Heading("Estimated performance over time");
        content.Explain("How well the model is probably doing on recent requests, estimated from its own confidence before the true answers are known (confidence-based performance estimation). A drop means it is less sure, often because the data changed.");
        if (estimated.Count == 0)
        {
            content.Empty("The checks recorded no performance estimate.");
        }
        else
        {
            var series = estimated.Select(k => Series(runs, k, x) is { } s ? s with { Name = k[TrackingTags.EstimatedPrefix.Length..] } : null).OfType<LineSeries>().ToList();
            content.Chart(Chart.Lines($"Estimated performance of {name}", series, "check (oldest first)", "estimated value"),
                $"Estimated performance of {name} over {runs.Count} checks, oldest first: " +
                string.Join("; ", estimated.Select(k => $"{k[TrackingTags.EstimatedPrefix.Length..]} " + string.Join(", ", runs.Select(r => r.Metrics.TryGetValue(k, out var v) ? Format.Number(v) : "n/a")))) + ".");
        }

        content.Table($"Monitoring checks of {name}, newest first", ["check", "when", "version", "inputs drifted", .. estimated.Select(k => $"estimated {k[TrackingTags.EstimatedPrefix.Length..]}")],
            runs.Select((r, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(CultureInfo.InvariantCulture), Format.Time(r.Info.StartTime), r.Tags.GetValueOrDefault(TrackingTags.Model, string.Empty),
                r.Metrics.TryGetValue(TrackingTags.DriftShare, out var d) ? Format.Percent(d) : "n/a",
                .. estimated.Select(k => r.Metrics.TryGetValue(k, out var v) ? Format.Number(v) : "n/a"),
            ]).Reverse());
    }

    private static LineSeries? Series(IReadOnlyList<Run> runs, string metric, double[] x)
    {
        var points = runs.Select((r, i) => (X: x[i], Y: r.Metrics.TryGetValue(metric, out var v) ? v : double.NaN)).Where(p => !double.IsNaN(p.Y)).ToList();
        return points.Count == 0 ? null : new LineSeries(metric, [.. points.Select(p => p.X)], [.. points.Select(p => p.Y)]);
    }

    private static async Task AddDecisionsAsync(PageContent content, Workspace workspace, string? name, CancellationToken cancellationToken)
    {
        var entries = await workspace.Audit().ListAsync(new AuditQuery { ActionPrefix = TrackingTags.DecisionAction, Limit = 500 }, cancellationToken).ConfigureAwait(false);
        var own = entries.Where(e => name is null || ModelOf(e) == name).Take(Decisions).ToList();
        content.Heading("Recent decisions of the retraining loop");
        content.Explain("Each time the retraining loop looks at a model it records what it decided (do nothing, retrain, promote the new version, roll back) and why.");
        if (own.Count == 0)
        {
            content.Empty("No decision recorded yet ('latentops monitor run' records them).");
            return;
        }

        content.Table(name is null ? "Recent decisions, newest first" : $"Recent decisions about {name}, newest first", ["when", "model", "decision", "policy", "reason", "new version"],
            own.Select(e => (IReadOnlyList<string>)
            [
                Format.Time(e.At), e.Details.GetValueOrDefault("model", e.Subject), e.Details.GetValueOrDefault("decision", string.Empty),
                e.Details.GetValueOrDefault("policy", string.Empty), e.Details.GetValueOrDefault("reason", string.Empty),
                e.Details.GetValueOrDefault("newVersion", e.Details.GetValueOrDefault("new_version", string.Empty)),
            ]));
    }

    private static string ModelOf(AuditEntry entry) => entry.Details.GetValueOrDefault("model", entry.Subject).Split(':', '@')[0];
}
