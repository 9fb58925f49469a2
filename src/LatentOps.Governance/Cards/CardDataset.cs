using LatentOps.Governance.Datasheets;

namespace LatentOps.Governance.Cards;

/// <summary>A dataset version a run used, as the card shows it.</summary>
/// <param name="Role">How the run used it: <c>train</c>, <c>validation</c>, <c>test</c>, ...</param>
/// <param name="Reference">The version, <c>NAME:VERSION</c>.</param>
/// <param name="ContentHash">SHA-256 of its content.</param>
/// <param name="Rows">Rows, when the catalog has the version.</param>
/// <param name="Columns">Columns, when the catalog has the version.</param>
/// <param name="Provenance">Where it came from in one line (source file and hash, or the transform of its parents).</param>
/// <param name="Checks">Data-check findings on that version (run when the card was built), or null when the catalog does not have it.</param>
public sealed record CardDataset(string Role, string Reference, string? ContentHash, int? Rows, int? Columns, string Provenance, DataCheckSummary? Checks);
