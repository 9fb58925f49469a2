using System.Globalization;

namespace LatentOps.Monitoring.Policy;

/// <summary>
/// One pass of the closed loop: decide; on retrain, train a candidate (screened data), compare it with
/// the champion on the held-out set, promote it through the registry or keep the champion; on rollback,
/// move the alias back. Every step goes to the audit sink with its reason. A dry run only decides.
/// </summary>
public sealed class RetrainingLoop
{
    private readonly IRetrainer _retrainer;
    private readonly IRegistryGate _registry;
    private readonly IAuditSink _audit;

    /// <summary>Creates the loop over its three seams.</summary>
    public RetrainingLoop(IRetrainer retrainer, IRegistryGate registry, IAuditSink audit)
    {
        _retrainer = retrainer ?? throw new ArgumentNullException(nameof(retrainer));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
    }

    /// <summary>Runs one pass.</summary>
    /// <param name="policy">The validated policy.</param>
    /// <param name="snapshot">Monitoring results and model history.</param>
    /// <param name="excludedRows">Rows of the new data that screening excluded under the policy.</param>
    /// <param name="dryRun">Decide and report only.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    public async Task<LoopOutcome> RunAsync(RetrainingPolicy policy, MonitoringSnapshot snapshot, IReadOnlyCollection<int> excludedRows, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(snapshot);
        var decision = DecisionEngine.Decide(policy, snapshot);
        var steps = new List<string> { decision.Reason };
        if (dryRun)
        {
            return new LoopOutcome(decision, false, null, false, null, steps);
        }

        try
        {
            var outcome = await ExecuteAsync(policy, snapshot, decision, excludedRows, steps, cancellationToken).ConfigureAwait(false);
            await RecordDecisionAsync(policy, snapshot, decision, Outcome(outcome), outcome.Candidate?.Version ?? outcome.RolledBackTo, cancellationToken).ConfigureAwait(false);
            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordDecisionAsync(policy, snapshot, decision, $"failed: {ex.Message}", null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static string Outcome(LoopOutcome outcome) => outcome switch
    {
        { RolledBackTo: { } to } => $"rolled back to version {to.ToString(CultureInfo.InvariantCulture)}",
        { Promoted: true, Candidate: { } c } => $"promoted version {c.Version.ToString(CultureInfo.InvariantCulture)}",
        { Candidate: { } c } => $"kept the champion; candidate version {c.Version.ToString(CultureInfo.InvariantCulture)} not promoted",
        _ => "kept the champion",
    };

    /// <summary>The <c>monitor.decision</c> entry: policy, decision, reason, model reference, outcome and the new version if any.</summary>
    private Task RecordDecisionAsync(RetrainingPolicy policy, MonitoringSnapshot snapshot, RetrainingDecision decision, string outcome, int? newVersion, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["policy"] = policy.Source ?? policy.Model,
            ["decision"] = decision.Action.ToString().ToLowerInvariant(),
            ["reason"] = decision.Reason,
            ["model"] = $"{policy.Model}:{snapshot.ChampionVersion.ToString(CultureInfo.InvariantCulture)}",
            ["alias"] = policy.Alias,
            ["outcome"] = outcome,
            ["rulesFired"] = string.Join(",", decision.Fired.Select(r => r.Rule)),
        };
        if (policy.Data is { } data)
        {
            details["data"] = data;
        }

        if (newVersion is { } version)
        {
            details["newVersion"] = version.ToString(CultureInfo.InvariantCulture);
        }

        return _audit.RecordAsync("monitor.decision", policy.Model, decision.Reason, details, cancellationToken);
    }

    private async Task<LoopOutcome> ExecuteAsync(RetrainingPolicy policy, MonitoringSnapshot snapshot, RetrainingDecision decision, IReadOnlyCollection<int> excludedRows, List<string> steps, CancellationToken cancellationToken)
    {
        switch (decision.Action)
        {
            case RetrainingAction.Rollback:
            {
                var to = decision.RollbackTo!.Value;
                await _registry.RollbackAsync(policy.Model, policy.Alias, to, cancellationToken).ConfigureAwait(false);
                var step = $"Rolled {policy.Model}@{policy.Alias} back from version {snapshot.ChampionVersion} to {to}.";
                steps.Add(step);
                await _audit.RecordAsync("monitor.rollback", policy.Model, step, Details(("from", snapshot.ChampionVersion), ("to", to)), cancellationToken).ConfigureAwait(false);
                return new LoopOutcome(decision, true, null, false, to, steps);
            }

            case RetrainingAction.Retrain:
            {
                var candidate = await _retrainer.RetrainAsync(policy, excludedRows, cancellationToken).ConfigureAwait(false);
                var trained = $"Trained candidate version {candidate.Version} on the new data ({excludedRows.Count} rows excluded by screening): held-out {candidate.Metric} {F(candidate.CandidateScore)} vs champion {F(candidate.ChampionScore)}.";
                steps.Add(trained);
                await _audit.RecordAsync("monitor.retrain", policy.Model, trained, Details(("champion", snapshot.ChampionVersion), ("candidate", candidate.Version)), cancellationToken).ConfigureAwait(false);
                var needed = candidate.ChampionScore + policy.Promotion.MinimumImprovement;
                if (candidate.CandidateScore < needed)
                {
                    var kept = $"Kept version {snapshot.ChampionVersion}: candidate {candidate.Version} scored {F(candidate.CandidateScore)}, below the champion's {F(candidate.ChampionScore)} + minimum improvement {F(policy.Promotion.MinimumImprovement)}.";
                    steps.Add(kept);
                    await _audit.RecordAsync("monitor.keep", policy.Model, kept, Details(("champion", snapshot.ChampionVersion), ("candidate", candidate.Version)), cancellationToken).ConfigureAwait(false);
                    return new LoopOutcome(decision, true, candidate, false, null, steps);
                }

                var (promoted, why) = await _registry.PromoteAsync(policy.Model, policy.Alias, candidate.Version, cancellationToken).ConfigureAwait(false);
                var step = promoted
                    ? $"Promoted version {candidate.Version} to {policy.Model}@{policy.Alias} (previous: {snapshot.ChampionVersion})."
                    : $"The registry refused to promote version {candidate.Version}: {why}";
                steps.Add(step);
                await _audit.RecordAsync(promoted ? "monitor.promote" : "monitor.keep", policy.Model, step, Details(("champion", snapshot.ChampionVersion), ("candidate", candidate.Version)), cancellationToken).ConfigureAwait(false);
                return new LoopOutcome(decision, true, candidate, promoted, null, steps);
            }

            default:
                return new LoopOutcome(decision, true, null, false, null, steps);
        }
    }

    private static Dictionary<string, string> Details(params (string Key, int Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
