namespace LatentOps.Store.Registry;

/// <summary>The outcome of one promotion gate for one candidate.</summary>
/// <param name="Rule">The rule in words (e.g. <c>aucScore &gt;= champion - 0.005</c>).</param>
/// <param name="Passed">True when the candidate satisfies it.</param>
/// <param name="Detail">The figures compared, or why it could not be checked.</param>
/// <param name="Candidate">The candidate's value, when numeric.</param>
/// <param name="Threshold">The threshold actually applied, when numeric.</param>
public sealed record GateResult(string Rule, bool Passed, string Detail, double? Candidate = null, double? Threshold = null);
