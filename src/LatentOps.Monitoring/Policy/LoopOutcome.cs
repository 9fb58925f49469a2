namespace LatentOps.Monitoring.Policy;

/// <summary>What one pass of the retraining loop did.</summary>
/// <param name="Decision">The decision engine's answer.</param>
/// <param name="Executed">False for a dry run.</param>
/// <param name="Candidate">The retrained candidate, when one was trained.</param>
/// <param name="Promoted">True when the candidate now serves.</param>
/// <param name="RolledBackTo">The version the alias went back to, when rolled back.</param>
/// <param name="Steps">Each step's reason, in order (also written to the audit log).</param>
/// <param name="Gates">The registry gates checked when the candidate was put up for promotion (null when it was not).</param>
public sealed record LoopOutcome(RetrainingDecision Decision, bool Executed, CandidateModel? Candidate, bool Promoted, int? RolledBackTo, IReadOnlyList<string> Steps, IReadOnlyList<GateCheck>? Gates = null);
