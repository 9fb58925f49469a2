namespace LatentOps.Monitoring.Policy;

/// <summary>One promotion gate the registry checked for a candidate.</summary>
/// <param name="Rule">The rule in words (e.g. <c>rocAucScore &gt;= champion - 0.005</c>).</param>
/// <param name="Passed">True when the candidate satisfies it.</param>
/// <param name="Detail">The figures compared.</param>
public sealed record GateCheck(string Rule, bool Passed, string Detail);
