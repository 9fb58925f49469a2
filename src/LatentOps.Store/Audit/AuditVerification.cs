namespace LatentOps.Store.Audit;

/// <summary>The outcome of verifying the audit chain.</summary>
/// <param name="Intact">True when every entry matches its hash and links to the one before.</param>
/// <param name="Entries">How many entries were checked.</param>
/// <param name="HeadHash">The hash of the last entry (record it elsewhere to detect truncation of the tail).</param>
/// <param name="Problems">Every break found, in chain order.</param>
public sealed record AuditVerification(bool Intact, long Entries, string? HeadHash, IReadOnlyList<AuditProblem> Problems);
