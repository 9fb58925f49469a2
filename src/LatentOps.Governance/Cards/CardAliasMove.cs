namespace LatentOps.Governance.Cards;

/// <summary>An alias move of the model, in plain terms.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Alias">The alias.</param>
/// <param name="FromVersion">The version it left, if any.</param>
/// <param name="ToVersion">The version it moved to.</param>
/// <param name="Kind"><c>set</c>, <c>promote</c>, <c>force</c> or <c>rollback</c>.</param>
/// <param name="Actor">Who moved it.</param>
/// <param name="Reason">The reason given, if any.</param>
public sealed record CardAliasMove(DateTimeOffset At, string Alias, int? FromVersion, int ToVersion, string Kind, string Actor, string? Reason);
