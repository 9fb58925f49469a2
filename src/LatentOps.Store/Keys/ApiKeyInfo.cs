namespace LatentOps.Store.Keys;

/// <summary>A stored key, without its secret.</summary>
/// <param name="Id">The public id (the part after <c>lo_</c> and before the second <c>_</c>).</param>
/// <param name="Scope">What it may do.</param>
/// <param name="Name">An optional label.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="RevokedAt">When it was revoked, or null while it is valid.</param>
public sealed record ApiKeyInfo(string Id, ApiKeyScope Scope, string? Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    /// <summary>True while the key is not revoked.</summary>
    public bool IsActive => RevokedAt is null;

    /// <summary>True when this key's scope covers <paramref name="required"/>.</summary>
    public bool Allows(ApiKeyScope required) => IsActive && Scope >= required;
}
