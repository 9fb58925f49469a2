namespace LatentOps.Serving.Auth;

/// <summary>
/// The cookie the dashboard stores a signed-in API key in (HttpOnly, SameSite=Strict). The API-key
/// handler reads it when a request has no <c>Authorization</c> header, so the same keys, scopes and
/// rate limits apply to the dashboard and to the REST API.
/// </summary>
public static class ApiKeyCookie
{
    /// <summary>The cookie name.</summary>
    public const string Name = "latentops_key";
}
