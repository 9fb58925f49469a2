using LatentOps.Store.Keys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace LatentOps.Serving.Auth;

/// <summary>
/// One authorization policy per scope. Scopes are ordered (admin includes predict, predict includes
/// read). Without auth (<c>--no-auth</c>, loopback only) every policy passes.
/// </summary>
public static class ScopePolicies
{
    /// <summary>Policy name for <see cref="ApiKeyScope.Read"/>.</summary>
    public const string Read = "scope:read";

    /// <summary>Policy name for <see cref="ApiKeyScope.Predict"/>.</summary>
    public const string Predict = "scope:predict";

    /// <summary>Policy name for <see cref="ApiKeyScope.Admin"/>.</summary>
    public const string Admin = "scope:admin";

    internal static void Add(AuthorizationBuilder builder, bool requireAuth)
    {
        foreach (var (name, scope) in new[] { (Read, ApiKeyScope.Read), (Predict, ApiKeyScope.Predict), (Admin, ApiKeyScope.Admin) })
        {
            builder.AddPolicy(name, policy =>
            {
                if (!requireAuth)
                {
                    policy.RequireAssertion(_ => true);
                    return;
                }

                policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName);
                policy.RequireAuthenticatedUser();
                policy.RequireAssertion(context =>
                    Enum.TryParse<ApiKeyScope>(context.User.FindFirst(ApiKeyAuthenticationHandler.ScopeClaim)?.Value, out var held) && held >= scope);
            });
        }
    }
}
