using System.Text.Json;
using LatentOps.Core.Serialization;

namespace LatentOps.Governance.Sections;

/// <summary>
/// Results that depend only on immutable content (data checks and profiles of a dataset version, keyed
/// by content hashes) cached as JSON under <c>&lt;workspace&gt;/governance/cache/</c>, so a card or a
/// datasheet page does not re-read and re-check the data each time. Written atomically; a file that
/// cannot be read is recomputed. Delete the folder at any time.
/// </summary>
internal static class GovernanceCache
{
    /// <summary>Bump when a cached shape or the computation behind it changes.</summary>
    private const string FormatVersion = "v1";

    public static async Task<T> GetOrAddAsync<T>(string workspaceRoot, string kind, string key, Func<Task<T>> compute, CancellationToken cancellationToken)
    {
        var path = Path.Combine(workspaceRoot, "governance", "cache", kind, $"{FormatVersion}-{key}.json");
        if (File.Exists(path))
        {
            try
            {
                return LatentOpsJson.Deserialize<T>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
            {
                // Unreadable (an older shape, a disk error): recompute below and overwrite.
            }
        }

        var value = await compute().ConfigureAwait(false);
        try
        {
            await WrittenSections.WriteAtomicAsync(path, LatentOpsJson.Serialize(value), cancellationToken).ConfigureAwait(false);
        }
        catch (Core.Errors.LatentOpsException)
        {
            // A read-only workspace still gets its result, only not cached.
        }

        return value;
    }
}
