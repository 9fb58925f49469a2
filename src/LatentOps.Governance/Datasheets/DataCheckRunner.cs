using LatentOps.Core.Hashing;
using LatentOps.Core.Tables;
using LatentOps.Governance.Sections;
using LatentOps.Data.Checks;
using LatentOps.Store.Datasets;

namespace LatentOps.Governance.Datasheets;

/// <summary>Runs the data checks on a catalogued version the way <c>latentops data check</c> does (roles from ingest, leakage against the split sibling).</summary>
internal static class DataCheckRunner
{
    /// <summary>The checks of <paramref name="version"/>, from the cache when its content (and its split sibling's) was checked before.</summary>
    public static async Task<DataCheckSummary> RunAsync(string workspaceRoot, DatasetCatalog catalog, DatasetVersion version, Table? table, CancellationToken cancellationToken)
    {
        var sibling = await catalog.GetSplitSiblingAsync(version, cancellationToken).ConfigureAwait(false);
        var roles = ContentHash.Of(System.Text.Encoding.UTF8.GetBytes($"{version.Roles.Label}|{version.Roles.Time}|{version.Roles.Id}|{sibling?.Ref}"))[..16];
        var key = $"{version.ContentHash}-{sibling?.ContentHash[..16] ?? "alone"}-{roles}";
        return await GovernanceCache.GetOrAddAsync(workspaceRoot, "checks", key, async () =>
        {
            table ??= await catalog.LoadTableAsync(version, cancellationToken).ConfigureAwait(false);
            var counterpart = sibling is null ? null : await catalog.LoadTableAsync(sibling, cancellationToken).ConfigureAwait(false);
            var options = new DataCheckOptions { LabelColumn = version.Roles.Label, TimeColumn = version.Roles.Time, IdColumn = version.Roles.Id };
            var checkedTable = table;
            var report = await Task.Run(() => DataChecker.Run(checkedTable, options, null, counterpart, null, sibling?.Ref.ToString(), cancellationToken), cancellationToken).ConfigureAwait(false);
            var ordered = report.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Check, StringComparer.Ordinal).ToList();
            return new DataCheckSummary(version.Ref.ToString(), sibling?.Ref.ToString(), report.Errors, report.Warnings, report.Infos, report.Findings.Count(f => f.Category == FindingCategory.Pii), ordered);
        }, cancellationToken).ConfigureAwait(false) with { Dataset = version.Ref.ToString(), ComparedWith = sibling?.Ref.ToString() };
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
