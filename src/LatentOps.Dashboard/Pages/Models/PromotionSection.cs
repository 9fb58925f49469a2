using System.Globalization;
using LatentOps.Dashboard.Auth;
using LatentOps.Dashboard.Layout;
using LatentOps.Store.Registry;
using LatentOps.Store.Stores;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Http;

namespace LatentOps.Dashboard.Pages.Models;

/// <summary>
/// The Promote form of a model version page (admin keys) and what a promotion did: it goes through the
/// registry's gates from the workspace's <c>config.json</c>, exactly as <c>latentops models promote</c>.
/// </summary>
internal static class PromotionSection
{
    /// <summary>The alias the form offers when none is typed.</summary>
    public const string DefaultAlias = "champion";

    /// <summary>Promotes the version to the alias posted in the form, as the signed-in key, through the gates.</summary>
    public static async Task<PromotionResult> PromoteAsync(string name, int version, HttpContext http, Workspace workspace, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var alias = form["alias"].ToString().Trim() is { Length: > 0 } typed ? typed : DefaultAlias;
        var user = DashboardAccess.CurrentUser(http);
        return await workspace.Registry(user.Actor)
            .PromoteAsync(new PromotionRequest(name, version, alias), workspace.PromotionGates(), cancellationToken)
            .ConfigureAwait(false);
    }

    public static void Add(PageContent content, string name, int version, DashboardUser user, PromotionResult? outcome)
    {
        content.Heading("Promote", id: "promote");
        if (outcome is not null)
        {
            AddOutcome(content, outcome);
        }

        content.Explain($"Promoting points an alias at this version: the server answers requests sent to {name}@ALIAS (for example {name}@{DefaultAlias}) with whichever version the alias points at. " +
            $"It happens only if this version passes the promotion gates of the workspace (the registry section of {PromotionGates.ConfigFileName}), which compare its test results with the version the alias points at now. " +
            "Every promotion is in the audit log; the Monitoring page has the Rollback button.");
        if (!user.CanChange)
        {
            content.Raw("<p class=\"hint\">Promoting needs an admin key.</p>");
            return;
        }

        content.Raw(
            $"<form class=\"stack\" method=\"post\" action=\"/models/{PageContent.Segment(name)}/{version.ToString(CultureInfo.InvariantCulture)}/promote#promote\">" +
            $"<p><label for=\"promote-alias\">Alias to point at version {version.ToString(CultureInfo.InvariantCulture)}</label> " +
            $"<input id=\"promote-alias\" name=\"alias\" value=\"{DefaultAlias}\" required maxlength=\"64\"></p>" +
            $"<p><button type=\"submit\" data-confirm=\"{PageContent.Encode($"Promote {name} version {version} if it passes the gates?")}\">Promote version {version.ToString(CultureInfo.InvariantCulture)}</button></p></form>");
    }

    private static void AddOutcome(PageContent content, PromotionResult outcome)
    {
        var before = outcome.ChampionVersion is { } c ? $"version {c.ToString(CultureInfo.InvariantCulture)}" : "no version";
        var target = $"{outcome.Model}@{outcome.Alias}";
        if (outcome.Promoted)
        {
            content.Raw($"<div class=\"finding ok\" role=\"status\"><strong>ok: promoted</strong><p>{PageContent.Encode($"{target} moved from {before} to version {outcome.Version}. The server answers requests to {outcome.Alias} with this version within a second; the move is in the audit log.")}</p></div>");
        }
        else
        {
            var failed = outcome.Gates.Count(g => !g.Passed);
            content.Raw($"<div class=\"finding error\" role=\"alert\"><strong>error: not promoted</strong><p>{PageContent.Encode($"Version {outcome.Version} did not pass {failed} of {outcome.Gates.Count} promotion gates, so {target} still points at {before}. The gates that failed say why below.")}</p></div>");
        }

        if (outcome.Gates.Count == 0)
        {
            content.Empty($"No promotion gates are configured, so only the version's existence was checked (add gates to the registry section of {PromotionGates.ConfigFileName} in the workspace; see docs/store.md).");
            return;
        }

        content.Table($"Promotion gates for {outcome.Model} version {outcome.Version} to {outcome.Alias}", ["gate", "result", "detail"],
            outcome.Gates.Select(g => (IReadOnlyList<string>)[g.Rule, g.Passed ? "passed" : "failed", g.Detail]));
    }
}
