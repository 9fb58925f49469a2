namespace LatentOps.Store.Audit;

/// <summary>One audit log entry.</summary>
/// <param name="Sequence">Position in the chain, 1, 2, 3, ... without gaps.</param>
/// <param name="At">When it was appended (UTC).</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Action">What was done (e.g. <c>model.promote</c>).</param>
/// <param name="Subject">What it was done to.</param>
/// <param name="Details">Extra facts, keys sorted.</param>
/// <param name="PreviousHash">The hash of entry <c>Sequence - 1</c> (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 (hex) over this entry's fields and <paramref name="PreviousHash"/>.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Action,
    string Subject,
    IReadOnlyDictionary<string, string> Details,
    string PreviousHash,
    string Hash);
