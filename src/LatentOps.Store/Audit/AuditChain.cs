using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LatentOps.Core.Serialization;
using LatentOps.Store.Database;

namespace LatentOps.Store.Audit;

/// <summary>
/// Appends to the chain inside a caller's transaction, so a state change and its audit entry commit
/// together (or neither does). On PostgreSQL the table is locked for the append so concurrent
/// writers cannot both chain onto the same previous entry; SQLite's write lock does that already.
/// </summary>
internal static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static async Task<AuditEntry> AppendAsync(
        DbConnection connection,
        DbTransaction transaction,
        string actor,
        string action,
        string subject,
        IReadOnlyDictionary<string, string>? details,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(subject);
        if (connection is Npgsql.NpgsqlConnection)
        {
            await StoreSql.ExecuteAsync(connection, transaction, "LOCK TABLE audit_log IN EXCLUSIVE MODE", cancellationToken).ConfigureAwait(false);
        }

        var last = await StoreSql.QueryAsync(
            connection, transaction, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            r => (Seq: StoreSql.Long(r, 0), Hash: r.GetString(1)), cancellationToken).ConfigureAwait(false);
        var seq = last.Count == 0 ? 1 : last[0].Seq + 1;
        var previous = last.Count == 0 ? Genesis : last[0].Hash;
        var at = StoreTime.Format(DateTimeOffset.UtcNow);
        var detailsJson = SerializeDetails(details);
        var hash = ComputeHash(seq, at, actor, action, subject, detailsJson, previous);
        await StoreSql.ExecuteAsync(
            connection, transaction,
            "INSERT INTO audit_log(seq, at, actor, action, subject, details, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @subject, @details, @prev, @hash)",
            cancellationToken,
            ("seq", seq), ("at", at), ("actor", actor), ("action", action), ("subject", subject), ("details", detailsJson), ("prev", previous), ("hash", hash)).ConfigureAwait(false);
        return new AuditEntry(seq, StoreTime.Parse(at), actor, action, subject, ParseDetails(detailsJson), previous, hash);
    }

    public static string SerializeDetails(IReadOnlyDictionary<string, string>? details) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(
            (details ?? new Dictionary<string, string>()).ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal), LatentOpsJson.Compact);

    public static IReadOnlyDictionary<string, string> ParseDetails(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SortedDictionary<string, string>>(json, LatentOpsJson.Compact) ?? new SortedDictionary<string, string>();
        }
        catch (JsonException)
        {
            return new SortedDictionary<string, string> { ["(unreadable)"] = json };
        }
    }

    /// <summary>SHA-256 (hex) over the JSON array of the entry's stored fields and the previous hash.</summary>
    public static string ComputeHash(long seq, string at, string actor, string action, string subject, string details, string previousHash)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(seq);
            writer.WriteStringValue(at);
            writer.WriteStringValue(actor);
            writer.WriteStringValue(action);
            writer.WriteStringValue(subject);
            writer.WriteStringValue(details);
            writer.WriteStringValue(previousHash);
            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    public static string Describe(string text) => Encoding.UTF8.GetByteCount(text) > 80 ? text[..77] + "..." : text;
}
