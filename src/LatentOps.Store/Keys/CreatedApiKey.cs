namespace LatentOps.Store.Keys;

/// <summary>A newly created key: the only time the full token is available.</summary>
/// <param name="Info">The stored key.</param>
/// <param name="Token">The full token to send as <c>Authorization: Bearer TOKEN</c>; it is not stored.</param>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Token);
