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
            await RecordDecisionAsync(policy, snapshot, decision, Outcome(outcome), outcome.Candidate?.Version ?? outcome.RolledBackTo, outcome.Candidate, outcome.Gates, cancellationToken).ConfigureAwait(false);
            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordDecisionAsync(policy, snapshot, decision, $"failed: {ex.Message}", null, null, null, CancellationToken.None).ConfigureAwait(false);
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

    /// <summary>The <c>monitor.decision</c> entry: policy, decision, reason, model reference, outcome, the new version if any, and for a retrain every held-out metric of both models and the gates.</summary>
    private Task RecordDecisionAsync(RetrainingPolicy policy, MonitoringSnapshot snapshot, RetrainingDecision decision, string outcome, int? newVersion, CandidateModel? candidate, IReadOnlyList<GateCheck>? gates, CancellationToken cancellationToken)
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

        if (candidate is not null)
        {
            details["metric"] = policy.Promotion.Metric;
            details["trainingData"] = candidate.TrainingData;
            details["holdout"] = candidate.HoldoutData;
            AddMetrics(details, candidate);
        }

        if (gates is { Count: > 0 })
        {
            details["gates"] = string.Join("; ", gates.Select(g => $"{(g.Passed ? "pass" : "FAIL")} {g.Rule} ({g.Detail})"));
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
                var metric = policy.Promotion.Metric;
                var lowerBetter = PromotionPolicy.IsLowerBetter(metric);
                double candidateScore = candidate.CandidateScore(metric), championScore = candidate.ChampionScore(metric);
                var trained = $"Trained candidate version {candidate.Version} on {candidate.TrainingData} ({candidate.TrainingRows} rows, trainingData: {candidate.TrainingDataChoice}; {excludedRows.Count} new rows excluded by screening); "
                    + $"on the held-out {candidate.HoldoutData} ({candidate.HoldoutRows} rows) {metric} {F(candidateScore)} vs champion {F(championScore)}"
                    + $" ({Summary(candidate)}).";
                steps.Add(trained);
                await _audit.RecordAsync("monitor.retrain", policy.Model, trained, CandidateDetails(snapshot, candidate), cancellationToken).ConfigureAwait(false);
                var needed = lowerBetter ? championScore - policy.Promotion.MinimumImprovement : championScore + policy.Promotion.MinimumImprovement;
                var beats = !double.IsNaN(candidateScore) && !double.IsNaN(championScore) && (lowerBetter ? candidateScore <= needed : candidateScore >= needed);
                if (!beats)
                {
                    var kept = double.IsNaN(candidateScore) || double.IsNaN(championScore)
                        ? $"Kept version {snapshot.ChampionVersion}: {metric} was not computed on the held-out rows for {(double.IsNaN(candidateScore) ? "the candidate" : "the champion")}; promotion.metric must be a metric of this task."
                        : $"Kept version {snapshot.ChampionVersion}: candidate {candidate.Version} has held-out {metric} {F(candidateScore)}, {(lowerBetter ? "above" : "below")} the champion's {F(championScore)} {(lowerBetter ? "-" : "+")} minimum improvement {F(policy.Promotion.MinimumImprovement)} = {F(needed)}.";
                    steps.Add(kept);
                    await _audit.RecordAsync("monitor.keep", policy.Model, kept, CandidateDetails(snapshot, candidate), cancellationToken).ConfigureAwait(false);
                    return new LoopOutcome(decision, true, candidate, false, null, steps);
                }

                var attempt = await _registry.PromoteAsync(policy.Model, policy.Alias, candidate.Version, cancellationToken).ConfigureAwait(false);
                var gates = attempt.Gates.Count == 0 ? "no registry gates configured" : string.Join("; ", attempt.Gates.Select(g => $"{(g.Passed ? "pass" : "FAIL")} {g.Rule} ({g.Detail})"));
                var step = attempt.Promoted
                    ? $"Promoted version {candidate.Version} to {policy.Model}@{policy.Alias} (previous: {snapshot.ChampionVersion}): {metric} {F(candidateScore)} reaches {F(needed)}; registry gates: {gates}."
                    : $"The registry refused to promote version {candidate.Version}: {attempt.Reason}. Gates: {gates}.";
                steps.Add(step);
                var details = CandidateDetails(snapshot, candidate);
                details["gates"] = gates;
                await _audit.RecordAsync(attempt.Promoted ? "monitor.promote" : "monitor.keep", policy.Model, step, details, cancellationToken).ConfigureAwait(false);
                return new LoopOutcome(decision, true, candidate, attempt.Promoted, null, steps, attempt.Gates);
            }

            default:
                return new LoopOutcome(decision, true, null, false, null, steps);
        }
    }

    /// <summary>The held-out comparison as audit details: versions, data, and every metric of both models (<c>candidate.NAME</c>, <c>champion.NAME</c>).</summary>
    private static Dictionary<string, string> CandidateDetails(MonitoringSnapshot snapshot, CandidateModel candidate)
    {
        var details = Details(("champion", snapshot.ChampionVersion), ("candidate", candidate.Version), ("trainingRows", candidate.TrainingRows), ("holdoutRows", candidate.HoldoutRows));
        details["trainingData"] = candidate.TrainingData;
        details["trainingDataChoice"] = candidate.TrainingDataChoice;
        details["holdout"] = candidate.HoldoutData;
        AddMetrics(details, candidate);
        return details;
    }

    private static void AddMetrics(Dictionary<string, string> details, CandidateModel candidate)
    {
        foreach (var (key, value) in candidate.CandidateMetrics)
        {
            details[$"candidate.{key}"] = value.ToString("R", CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in candidate.ChampionMetrics)
        {
            details[$"champion.{key}"] = value.ToString("R", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The headline held-out metrics of both, for the step sentence.</summary>
    private static string Summary(CandidateModel candidate) => string.Join(", ",
        new[] { "rocAucScore", "f1Score", "f1MacroScore", "accuracyScore", "expectedCalibrationError" }
            .Where(m => candidate.CandidateMetrics.ContainsKey(m) || candidate.ChampionMetrics.ContainsKey(m))
            .Select(m => $"{m} {F(candidate.CandidateScore(m))} vs {F(candidate.ChampionScore(m))}"));

    private static Dictionary<string, string> Details(params (string Key, int Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
