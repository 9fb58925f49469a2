namespace LatentOps.Store.Registry;

/// <summary>One move of an alias, as recorded in its history.</summary>
/// <param name="Id">Order of the move (increasing).</param>
/// <param name="Model">The model name.</param>
/// <param name="Alias">The alias.</param>
/// <param name="FromVersion">The version it pointed at before, if any.</param>
/// <param name="ToVersion">The version it points at after.</param>
/// <param name="Kind"><c>set</c>, <c>promote</c> (gates passed), <c>force</c> (gates overridden) or <c>rollback</c>.</param>
/// <param name="Reason">The reason given (required for <c>force</c>).</param>
/// <param name="Actor">Who moved it.</param>
/// <param name="At">When (UTC).</param>
public sealed record AliasMove(long Id, string Model, string Alias, int? FromVersion, int ToVersion, string Kind, string? Reason, string Actor, DateTimeOffset At);
