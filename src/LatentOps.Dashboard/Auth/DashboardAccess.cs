using System.Security.Claims;
using LatentOps.Core.Errors;
using LatentOps.Serving;
using LatentOps.Serving.Auth;
using LatentOps.Store.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LatentOps.Dashboard.Auth;

/// <summary>
/// Access rules of the dashboard. Pages need a signed-in key with read scope (else they redirect to
/// the sign-in page); every change (any request but GET and HEAD) needs admin scope (else 403). The key is the same API key as for the
/// REST API, kept in an HttpOnly, SameSite=Strict cookie (<see cref="ApiKeyCookie"/>). Forms that
/// change something are also checked to come from the dashboard itself (<see cref="IsSameOrigin"/>),
/// which together with SameSite=Strict stops cross-site request forgery.
/// </summary>
public static class DashboardAccess
{
    /// <summary>The user of a request, or null when nobody is signed in (or the cookie's key is no longer valid).</summary>
    public static DashboardUser? GetUser(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var options = http.RequestServices.GetRequiredService<ServerOptions>();
        if (!options.RequireAuth)
        {
            return new DashboardUser(null, null, ApiKeyScope.Admin);
        }

        var scopeText = http.User.FindFirst(ApiKeyClaims.Scope)?.Value;
        if (http.User.Identity?.IsAuthenticated != true || !Enum.TryParse<ApiKeyScope>(scopeText, out var scope))
        {
            return null;
        }

        var id = http.User.FindFirst(ApiKeyClaims.KeyId)?.Value;
        var name = http.User.FindFirst(ClaimTypes.Name)?.Value;
        return new DashboardUser(id, name == id ? null : name, scope);
    }

    /// <summary>The signed-in user of a dashboard page (set by the page filter before the page runs).</summary>
    public static DashboardUser CurrentUser(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.TryGetValue(typeof(DashboardUser), out var user) && user is DashboardUser found
            ? found
            : GetUser(http) ?? throw new InvalidOperationException("CurrentUser is for dashboard pages, which run behind the sign-in filter.");
    }

    /// <summary>
    /// True when a state-changing request comes from a page of this server: its <c>Origin</c> header (or,
    /// when a browser sends none, its <c>Referer</c>) names this scheme, host and port.
    /// </summary>
    public static bool IsSameOrigin(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var self = $"{http.Request.Scheme}://{http.Request.Host.Value}";
        string? origin = http.Request.Headers.Origin;
        if (!string.IsNullOrEmpty(origin))
        {
            return string.Equals(origin, self, StringComparison.OrdinalIgnoreCase);
        }

        string? referer = http.Request.Headers.Referer;
        return !string.IsNullOrEmpty(referer)
            && (string.Equals(referer, self, StringComparison.OrdinalIgnoreCase) || referer.StartsWith(self + "/", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The endpoint filter of every dashboard page: sign-in redirect, admin check for changes, same-origin check for forms.</summary>
    internal static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var user = GetUser(http);
        if (user is null)
        {
            var back = http.Request.Path + http.Request.QueryString;
            return Results.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(back));
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            if (!IsSameOrigin(http))
            {
                return Layout.DashboardLayout.Error(http, StatusCodes.Status403Forbidden, "Request refused",
                    "This form was not sent from a page of this dashboard, so it was refused (protection against cross-site requests). Open the page again and use its button.");
            }

            if (!user.CanChange)
            {
                return Layout.DashboardLayout.Error(http, StatusCodes.Status403Forbidden, "Admin key needed",
                    $"You are signed in with a {user.Scope.ToString().ToLowerInvariant()} key, which may view but not change anything. Sign in with an admin key to do this.");
            }
        }

        http.Items[typeof(DashboardUser)] = user;
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (LatentOpsException ex) when (ex.Code is ErrorCode.NotFound or ErrorCode.InvalidInput or ErrorCode.InvalidState or ErrorCode.AlreadyExists)
        {
            // A user mistake (an old link, a name that no longer exists): a readable page, never a stack trace.
            var (status, title) = ex.Code switch
            {
                ErrorCode.NotFound => (StatusCodes.Status404NotFound, "Not found"),
                ErrorCode.InvalidInput => (StatusCodes.Status422UnprocessableEntity, "That did not work"),
                _ => (StatusCodes.Status409Conflict, "That cannot be done now"),
            };
            return Layout.DashboardLayout.Error(http, status, title, ex.Message);
        }
    }
}
