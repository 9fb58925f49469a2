namespace LatentOps.Store.Registry;

/// <summary>What to promote and how.</summary>
/// <param name="Name">The model name.</param>
/// <param name="Version">The candidate version.</param>
/// <param name="Alias">The alias to move. The usual one is <c>champion</c>.</param>
/// <param name="Force">Move the alias even when gates fail (requires <paramref name="Reason"/>).</param>
/// <param name="Reason">Why (recorded in the alias history and audit log).</param>
public sealed record PromotionRequest(string Name, int Version, string Alias = "champion", bool Force = false, string? Reason = null);
