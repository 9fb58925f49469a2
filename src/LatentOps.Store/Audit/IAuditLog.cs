namespace LatentOps.Store.Audit;

/// <summary>
/// The append-only, hash-chained record of every state change (ingest, run, register, alias move,
/// promote, rollback, key creation, deletion). Each entry carries the hash of the previous one, so
/// <see cref="VerifyAsync"/> detects an edited, removed or reordered entry.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends one entry in its own transaction and returns it with its hash.</summary>
    /// <param name="actor">Who did it (a user name, or <c>key:ID</c> for an API key).</param>
    /// <param name="action">What was done, dotted lower case (e.g. <c>dataset.ingest</c>, <c>model.promote</c>).</param>
    /// <param name="subject">What it was done to (e.g. <c>churn:3</c>, a run id).</param>
    /// <param name="details">Extra facts (hashes, reasons, thresholds); stored as JSON with sorted keys.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    Task<AuditEntry> AppendAsync(string actor, string action, string subject, IReadOnlyDictionary<string, string>? details = null, CancellationToken cancellationToken = default);

    /// <summary>Entries, newest first, filtered by <paramref name="query"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Recomputes the chain from the first entry and reports every break.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);
}
