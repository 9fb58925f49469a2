namespace LatentOps.Monitoring.Policy;

/// <summary>One rule's evaluation: whether it fired, what was observed, the threshold and why.</summary>
/// <param name="Rule">The policy field, e.g. <c>rules.embeddingDriftPValue</c>.</param>
/// <param name="Fired">True when the rule's condition holds.</param>
/// <param name="Observed">The observed value (null when the input was not available).</param>
/// <param name="Threshold">The threshold from the policy.</param>
/// <param name="Reason">A sentence for people and the audit log.</param>
public sealed record RuleOutcome(string Rule, bool Fired, double? Observed, double? Threshold, string Reason);
