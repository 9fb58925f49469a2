namespace LatentOps.Monitoring.Policy;

/// <summary>The decision engine's answer with its reasons.</summary>
/// <param name="Action">Keep, retrain or roll back.</param>
/// <param name="Reason">One sentence: why.</param>
/// <param name="Rules">Every rule that was evaluated, fired or not.</param>
/// <param name="RollbackTo">The version to roll back to, for <see cref="RetrainingAction.Rollback"/>.</param>
public sealed record RetrainingDecision(RetrainingAction Action, string Reason, IReadOnlyList<RuleOutcome> Rules, int? RollbackTo = null)
{
    /// <summary>The rules that fired.</summary>
    public IEnumerable<RuleOutcome> Fired => Rules.Where(r => r.Fired);
}
