namespace LatentOps.Store.Audit;

/// <summary>One break in the audit chain.</summary>
/// <param name="Sequence">The entry where the break shows.</param>
/// <param name="Kind"><c>edited</c> (content does not match its hash), <c>missing</c> (sequence gap: entries removed) or <c>unlinked</c> (previous-hash link broken: removed or reordered).</param>
/// <param name="Detail">What was expected and what was found.</param>
public sealed record AuditProblem(long Sequence, string Kind, string Detail);
