namespace LatentOps.Store.Registry;

/// <summary>One immutable registered version of a model.</summary>
/// <param name="Name">The registered model name.</param>
/// <param name="Version">1, 2, 3, ... per name, never reused.</param>
/// <param name="RunId">The run that produced it.</param>
/// <param name="PackageHash">SHA-256 of the model package artifact.</param>
/// <param name="CreatedAt">When it was registered (UTC).</param>
/// <param name="CreatedBy">Who registered it.</param>
/// <param name="Aliases">Aliases that point at it now.</param>
public sealed record ModelVersion(string Name, int Version, string RunId, string PackageHash, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<string> Aliases)
{
    /// <summary>The reference <c>NAME:VERSION</c>.</summary>
    public string Reference => $"{Name}:{Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
