namespace LatentOps.Serving.Auth;

/// <summary>The claims an authenticated API key carries (for code outside Serving, such as the dashboard).</summary>
public static class ApiKeyClaims
{
    /// <summary>The key's scope: <c>Read</c>, <c>Predict</c> or <c>Admin</c>.</summary>
    public const string Scope = "latentops:scope";

    /// <summary>The key's public id.</summary>
    public const string KeyId = "latentops:key";
}
