using LatentOps.Core.Tables;
using LatentOps.Data.Checks;
using LatentOps.Store.Datasets;

namespace LatentOps.Governance.Datasheets;

/// <summary>Runs the data checks on a catalogued version the way <c>latentops data check</c> does (roles from ingest, leakage against the split sibling).</summary>
internal static class DataCheckRunner
{
    public static async Task<DataCheckSummary> RunAsync(DatasetCatalog catalog, DatasetVersion version, CancellationToken cancellationToken) =>
        await RunAsync(catalog, version, await catalog.LoadTableAsync(version, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public static async Task<DataCheckSummary> RunAsync(DatasetCatalog catalog, DatasetVersion version, Table table, CancellationToken cancellationToken)
    {
        var sibling = await FindSplitSiblingAsync(catalog, version, cancellationToken).ConfigureAwait(false);
        var counterpart = sibling is null ? null : await catalog.LoadTableAsync(sibling, cancellationToken).ConfigureAwait(false);
        var options = new DataCheckOptions { LabelColumn = version.Roles.Label, TimeColumn = version.Roles.Time, IdColumn = version.Roles.Id };
        var report = await Task.Run(() => DataChecker.Run(table, options, null, counterpart, null, sibling?.Ref.ToString(), cancellationToken), cancellationToken).ConfigureAwait(false);
        var ordered = report.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Check, StringComparer.Ordinal).ToList();
        return new DataCheckSummary(version.Ref.ToString(), sibling?.Ref.ToString(), report.Errors, report.Warnings, report.Infos, report.Findings.Count(f => f.Category == FindingCategory.Pii), ordered);
    }

    /// <summary>When <paramref name="version"/> is a part of a split, the part to compare it with (train with test, others with train).</summary>
    private static async Task<DatasetVersion?> FindSplitSiblingAsync(DatasetCatalog catalog, DatasetVersion version, CancellationToken cancellationToken)
    {
        if (version.Provenance.Transform is not { Kind: "split" } transform || version.Parents.Count != 1
            || !transform.Parameters.TryGetValue("split", out var splitId) || !transform.Parameters.TryGetValue("part", out var part))
        {
            return null;
        }

        var siblings = (await catalog.GetChildrenAsync(version.Parents[0], cancellationToken).ConfigureAwait(false))
            .Where(v => v.Provenance.Transform is { Kind: "split" } t && t.Parameters.GetValueOrDefault("split") == splitId && !(v.Name == version.Name && v.Version == version.Version))
            .ToArray();
        var wanted = part == "train" ? "test" : "train";
        return siblings.FirstOrDefault(v => v.Provenance.Transform!.Parameters.GetValueOrDefault("part") == wanted);
    }

    /// <summary>Where a version came from, in one line.</summary>
    public static string Describe(DatasetVersion version)
    {
        var provenance = version.Provenance;
        if (provenance.Source is { } source)
        {
            return $"ingested from {source.FileName} ({source.Format}, {source.Size:N0} bytes, sha256 {Short(source.Sha256)}) by {version.CreatedBy} on {version.CreatedAt:yyyy-MM-dd}";
        }

        if (provenance.Transform is { } transform)
        {
            var settings = string.Join(", ", transform.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            var parents = version.Parents.Count == 0 ? "its parent" : string.Join(", ", version.Parents.Select(p => p.ToString()));
            return $"{transform.Kind} of {parents}{(settings.Length == 0 ? string.Empty : $" ({settings})")} by {version.CreatedBy} on {version.CreatedAt:yyyy-MM-dd}";
        }

        return $"recorded by {version.CreatedBy} on {version.CreatedAt:yyyy-MM-dd} (no source recorded)";
    }

    public static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
