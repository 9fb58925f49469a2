using System.Collections.Concurrent;
using LatentOps.Data.Checks;
using LatentOps.Data.Profiling;
using LatentOps.Store.Datasets;

namespace LatentOps.Dashboard.Facts;

/// <summary>
/// Profile and checks of a dataset version, computed on first view and kept in memory by the version's
/// artifact hash (versions are immutable, so the result never goes stale); the 16 most recent are kept.
/// </summary>
internal static class DatasetAnalysis
{
    private const int Capacity = 16;
    private static readonly ConcurrentDictionary<string, Lazy<Task<(TableProfile Profile, DataCheckReport Checks)>>> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentQueue<string> Order = new();

    public static Task<(TableProfile Profile, DataCheckReport Checks)> GetAsync(DatasetCatalog catalog, DatasetVersion version, CancellationToken cancellationToken)
    {
        var lazy = Cache.GetOrAdd(version.ArtifactHash, _ =>
        {
            Order.Enqueue(version.ArtifactHash);
            while (Order.Count > Capacity && Order.TryDequeue(out var old))
            {
                Cache.TryRemove(old, out var _);
            }

            return new Lazy<Task<(TableProfile, DataCheckReport)>>(() => ComputeAsync(catalog, version));
        });
        return lazy.Value.WaitAsync(cancellationToken);
    }

    private static async Task<(TableProfile, DataCheckReport)> ComputeAsync(DatasetCatalog catalog, DatasetVersion version)
    {
        var table = await catalog.LoadTableAsync(version, CancellationToken.None).ConfigureAwait(false);
        return await Task.Run(() =>
        {
            var profile = TableProfiler.Profile(table);
            var checks = DataChecker.Run(table, new DataCheckOptions { LabelColumn = version.Roles.Label, TimeColumn = version.Roles.Time, IdColumn = version.Roles.Id });
            return (profile, checks);
        }).ConfigureAwait(false);
    }
}
