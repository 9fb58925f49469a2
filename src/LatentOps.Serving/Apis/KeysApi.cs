using System.Security.Claims;
using LatentOps.Serving.Auth;
using LatentOps.Store.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LatentOps.Serving.Apis;

/// <summary><c>/v1/whoami</c> (which key is this) and <c>/v1/keys</c> (admin: list keys, never their secrets).</summary>
internal static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/whoami", WhoAmI).WithName("WhoAmI").WithSummary("The key the request was made with and its scope.").RequireAuthorization(ScopePolicies.Read);
        routes.MapGet("/v1/keys", ListKeys).WithName("ListKeys").WithSummary("All API keys (ids, scopes, names, dates; never secrets).").RequireAuthorization(ScopePolicies.Admin);
        return routes;
    }

    private static Ok<WhoAmIResponse> WhoAmI(ClaimsPrincipal user) => TypedResults.Ok(new WhoAmIResponse(
        user.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value,
        user.FindFirst(ApiKeyAuthenticationHandler.ScopeClaim)?.Value?.ToLowerInvariant() ?? "none (authentication disabled)"));

    private static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> ListKeys(ApiKeyStore keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>The answer of /v1/whoami.</summary>
    internal sealed record WhoAmIResponse(string? KeyId, string Scope);
}
