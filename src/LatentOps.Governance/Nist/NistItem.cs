namespace LatentOps.Governance.Nist;

/// <summary>One thing the NIST AI RMF asks for, and whether LatentOps recorded it for this model.</summary>
/// <param name="Function">Govern, Map, Measure or Manage.</param>
/// <param name="Id">A stable identifier, e.g. <c>measure.intervals</c>.</param>
/// <param name="Subcategory">The AI RMF subcategory it supports most directly (e.g. <c>MAP 1.1</c>); LatentOps's reading, not NIST's.</param>
/// <param name="Title">What it is, in plain words.</param>
/// <param name="Present">True when it is recorded.</param>
/// <param name="Evidence">What was found (or what is missing), in one sentence.</param>
/// <param name="ToFill">The command or edit that fills it when missing; null when present.</param>
public sealed record NistItem(NistFunction Function, string Id, string Subcategory, string Title, bool Present, string Evidence, string? ToFill);
