using LatentOps.Store.Keys;

namespace LatentOps.Dashboard.Auth;

/// <summary>Who is looking at the dashboard.</summary>
/// <param name="KeyId">The API key's id; null when authentication is off (<c>--no-auth</c>).</param>
/// <param name="KeyName">The key's name, when it has one.</param>
/// <param name="Scope">What the key may do (read to view, admin to change).</param>
public sealed record DashboardUser(string? KeyId, string? KeyName, ApiKeyScope Scope)
{
    /// <summary>True when the user may change state (roll back an alias, ...): an admin key, or authentication off.</summary>
    public bool CanChange => Scope >= ApiKeyScope.Admin;

    /// <summary>How changes by this user are recorded in the audit log: <c>key:ID</c>, or <c>dashboard</c> without authentication.</summary>
    public string Actor => KeyId is null ? "dashboard" : $"key:{KeyId}";

    /// <summary>A short description for the page header.</summary>
    public string Describe() => KeyId is null
        ? "authentication off"
        : $"{KeyName ?? KeyId} ({Scope.ToString().ToLowerInvariant()} key)";
}
