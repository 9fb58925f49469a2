namespace LatentOps.Monitoring.Policy;

/// <summary>What the registry answered to a promotion.</summary>
/// <param name="Promoted">True when the alias moved to the candidate.</param>
/// <param name="Reason">Why (the failed gates when refused).</param>
/// <param name="Gates">Every gate checked, passed or not (empty when the workspace has none).</param>
public sealed record PromotionAttempt(bool Promoted, string Reason, IReadOnlyList<GateCheck> Gates);
