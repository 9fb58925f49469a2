namespace LatentOps.Store.Registry;

/// <summary>A registered model name with its versions' summary and aliases.</summary>
/// <param name="Name">The name.</param>
/// <param name="CreatedAt">When its first version was registered (UTC).</param>
/// <param name="LatestVersion">The highest version number.</param>
/// <param name="Aliases">Alias to version.</param>
public sealed record RegisteredModel(string Name, DateTimeOffset CreatedAt, int LatestVersion, IReadOnlyDictionary<string, int> Aliases);
