namespace LatentOps.Governance.Cards;

/// <summary>One decision of the retraining loop, from the audit log (<c>monitor.decision</c>).</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">Who or what decided.</param>
/// <param name="Decision">What was decided (e.g. retrain, promote, keep).</param>
/// <param name="Reason">Why, in the loop's words.</param>
/// <param name="Policy">The policy that decided, when recorded.</param>
/// <param name="NewVersion">The version it produced, when it produced one.</param>
public sealed record MonitoringDecision(DateTimeOffset At, string Actor, string Decision, string? Reason, string? Policy, string? NewVersion);
