using LatentOps.Dashboard.Auth;
using LatentOps.Dashboard.Pages.Assets;
using LatentOps.Dashboard.Pages.Datasets;
using LatentOps.Dashboard.Pages.Models;
using LatentOps.Dashboard.Pages.Monitoring;
using LatentOps.Dashboard.Pages.Overview;
using LatentOps.Dashboard.Pages.SignIn;
using LatentOps.Dashboard.Sales;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LatentOps.Dashboard;

/// <summary>Maps the dashboard onto a LatentOps server (<c>latentops serve</c>): <c>app.MapDashboard()</c> after <c>LatentOpsServer.Build</c>.</summary>
public static class DashboardEndpoints
{
    /// <summary>
    /// Maps the sign-in pages, the vendored assets and every page group. Pages sit behind
    /// <see cref="DashboardAccess"/>: a signed-in read key to view, an admin key for any change.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        SignInPages.Map(routes);
        AssetFiles.Map(routes);
        var pages = routes.MapGroup(string.Empty).AddEndpointFilter(DashboardAccess.FilterAsync).ExcludeFromDescription();
        OverviewPage.Map(pages);
        DatasetPages.Map(pages);
        ModelPages.Map(pages);
        MonitoringPages.Map(pages);
        SalesPages.Map(pages);
        return routes;
    }
}
