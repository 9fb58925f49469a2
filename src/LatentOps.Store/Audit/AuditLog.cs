using LatentOps.Core.Errors;
using LatentOps.Store.Database;

namespace LatentOps.Store.Audit;

/// <summary>The audit log on the metadata database (SQLite or PostgreSQL).</summary>
internal sealed class AuditLog(IMetadataDatabase database) : IAuditLog
{
    public Task<AuditEntry> AppendAsync(string actor, string action, string subject, IReadOnlyDictionary<string, string>? details = null, CancellationToken cancellationToken = default) =>
        StoreSql.WriteAsync(database, (connection, transaction) => AuditChain.AppendAsync(connection, transaction, actor, action, subject, details, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new AuditQuery();
        if (query.Limit is < 1 or > 100_000)
        {
            throw LatentOpsException.InvalidInput($"The audit list limit {query.Limit} is out of range: use 1 to 100000.");
        }

        return StoreSql.ReadAsync<IReadOnlyList<AuditEntry>>(database, async connection => await StoreSql.QueryAsync(
            connection, null,
            """
            SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log
            WHERE (@prefix = '' OR substr(action, 1, length(@prefix)) = @prefix) AND (@subject = '' OR subject = @subject)
            ORDER BY seq DESC LIMIT @limit
            """,
            Map, cancellationToken,
            ("prefix", query.ActionPrefix ?? string.Empty), ("subject", query.Subject ?? string.Empty), ("limit", query.Limit)).ConfigureAwait(false), cancellationToken);
    }

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) =>
        StoreSql.ReadAsync(database, async connection =>
        {
            var problems = new List<AuditProblem>();
            var expectedSeq = 1L;
            var expectedPrevious = AuditChain.Genesis;
            long count = 0;
            string? head = null;
            await using var command = StoreSql.Command(connection, null, "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                count++;
                var seq = StoreSql.Long(reader, 0);
                var stored = reader.GetString(7);
                var previous = reader.GetString(6);
                if (seq != expectedSeq)
                {
                    problems.Add(new AuditProblem(seq, "missing", seq > expectedSeq
                        ? $"entries {expectedSeq} to {seq - 1} are missing (removed)"
                        : $"sequence {seq} appears after {expectedSeq - 1} (reordered or duplicated)"));
                }

                if (!string.Equals(previous, expectedPrevious, StringComparison.Ordinal))
                {
                    problems.Add(new AuditProblem(seq, "unlinked",
                        $"entry {seq} says the previous hash is {previous[..Math.Min(12, previous.Length)]}..., but the entry before it hashes to {expectedPrevious[..12]}... (an entry was removed, inserted or reordered)"));
                }

                var recomputed = AuditChain.ComputeHash(seq, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), previous);
                if (!string.Equals(recomputed, stored, StringComparison.Ordinal))
                {
                    problems.Add(new AuditProblem(seq, "edited",
                        $"entry {seq} ({reader.GetString(3)} {AuditChain.Describe(reader.GetString(4))}) does not match its hash: its content was changed after it was written"));
                }

                expectedSeq = seq + 1;
                expectedPrevious = stored;
                head = stored;
            }

            return new AuditVerification(problems.Count == 0, count, head, problems);
        }, cancellationToken);

    private static AuditEntry Map(System.Data.Common.DbDataReader reader) => new(
        StoreSql.Long(reader, 0),
        StoreTime.Parse(reader.GetString(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        AuditChain.ParseDetails(reader.GetString(5)),
        reader.GetString(6),
        reader.GetString(7));
}
