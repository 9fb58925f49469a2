using LatentOps.Dashboard.Facts;
using LatentOps.Dashboard.Layout;
using LatentOps.Store.Datasets;
using LatentOps.Store.Registry;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LatentOps.Dashboard.Pages.Overview;

/// <summary><c>/</c>: is the server healthy, which models exist, which version each alias serves, and the latest drift of each model.</summary>
internal static class OverviewPage
{
    public static void Map(RouteGroupBuilder pages) => pages.MapGet("/", ShowAsync);

    private static async Task<IResult> ShowAsync(HttpContext http, Workspace workspace, IModelRegistry registry, CancellationToken cancellationToken)
    {
        var content = new PageContent();
        var models = await registry.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        var datasets = await new DatasetCatalog(workspace).ListAsync(cancellationToken).ConfigureAwait(false);
        var monitoring = await new WorkspaceFacts(workspace).LatestMonitoringAsync(cancellationToken).ConfigureAwait(false);

        content.Heading("Health");
        var store = StoreHealth(workspace);
        content.Finding(store.Ok ? "ok" : "error", store.Ok ? "The server is running and its store answers" : "The metadata store does not answer", store.Detail);
        content.KeyValues(
        [
            new("Workspace", workspace.Root),
            new("Models registered", Format.Count(models.Count)),
            new("Datasets", Format.Count(datasets.Count)),
            new("Models with monitoring", Format.Count(monitoring.Count)),
        ]);

        content.Heading("Models");
        content.Explain("A model is a program LatentOps trained from data. Each time it is retrained it gets a new version number. " +
            "An alias such as 'champion' is a label pointing at the version that is in use; moving the alias changes which version answers requests. " +
            "Drift means the data the model sees now differs from the data it learned from, which can make its answers worse.");
        if (models.Count == 0)
        {
            content.Empty("No model is registered yet. Run 'latentops quickstart' or 'latentops train ... --register NAME' to create one.");
        }
        else
        {
            content.TableHtml("Registered models, the version each alias points at, and their latest drift check", ["model", "latest version", "aliases", "first registered", "latest drift check"],
                models.Select(m => (IReadOnlyList<string>)
                [
                    PageContent.Link($"/models/{PageContent.Segment(m.Name)}", m.Name),
                    Format.Count(m.LatestVersion),
                    m.Aliases.Count == 0 ? "none" : PageContent.Encode(string.Join(", ", m.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} → version {a.Value}"))),
                    Format.Time(m.CreatedAt),
                    monitoring.TryGetValue(m.Name, out var run) ? DriftText.Badge(run) : "<span class=\"hint\">not monitored yet</span>",
                ]));
        }

        return DashboardLayout.Page(http, "Overview", content, "What LatentOps knows about your models and data, at a glance.");
    }

    private static (bool Ok, string Detail) StoreHealth(Workspace workspace)
    {
        try
        {
            using var connection = workspace.Database.OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            command.ExecuteScalar();
            return (true, $"Metadata store reachable (schema version {workspace.SchemaVersion}); models load on their first request.");
        }
#pragma warning disable CA1031 // A health line reports any failure; it must not throw.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (false, ex.Message);
        }
    }
}
