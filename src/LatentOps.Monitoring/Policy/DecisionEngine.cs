using System.Globalization;

namespace LatentOps.Monitoring.Policy;

/// <summary>
/// The pure decision: given a policy and a snapshot, keep, retrain or roll back, with the reason and
/// every rule's outcome. No I/O; the same inputs always give the same decision.
/// Order: a rollback check first (a promotion that made realised accuracy worse than the previous
/// version's is undone before anything else), then the triggers, then the minimum-new-rows gate.
/// </summary>
public static class DecisionEngine
{
    /// <summary>Decides.</summary>
    public static RetrainingDecision Decide(RetrainingPolicy policy, MonitoringSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(snapshot);
        var outcomes = new List<RuleOutcome>();

        // Rollback.
        if (policy.Rollback.RealisedAccuracyDrop is { } rollbackDrop && snapshot.PreviousVersion is { } previous)
        {
            if (snapshot.RealisedAccuracy is { } realised && snapshot.PreviousVersionRealisedAccuracy is { } before)
            {
                var enough = snapshot.RealisedLabelledRows >= policy.Rollback.MinimumLabelledRows;
                var rollback = enough && realised < before - rollbackDrop;
                var reason = !enough
                    ? $"Only {snapshot.RealisedLabelledRows} labelled rows since the promotion of version {snapshot.ChampionVersion}; rollback needs {policy.Rollback.MinimumLabelledRows}."
                    : $"Realised accuracy of version {snapshot.ChampionVersion} is {P(realised)} vs {P(before)} for version {previous}; rollback when lower by more than {P(rollbackDrop)}.";
                outcomes.Add(new RuleOutcome("rollback.realisedAccuracyDrop", rollback, realised - before, -rollbackDrop, reason));
                if (rollback)
                {
                    return new RetrainingDecision(RetrainingAction.Rollback, $"Roll back to version {previous}: {reason}", outcomes, previous);
                }
            }
            else
            {
                outcomes.Add(new RuleOutcome("rollback.realisedAccuracyDrop", false, null, -rollbackDrop, "No realised accuracy for the current and previous versions yet (no feedback labels)."));
            }
        }

        var rules = policy.Rules;
        if (rules.DatasetDrift)
        {
            outcomes.Add(snapshot.DatasetDrift is { } drift
                ? new RuleOutcome("rules.datasetDrift", drift, snapshot.DriftedShare, null, drift
                    ? $"Dataset drift: {P(snapshot.DriftedShare ?? 0)} of the columns drifted."
                    : $"No dataset drift ({P(snapshot.DriftedShare ?? 0)} of the columns drifted).")
                : new RuleOutcome("rules.datasetDrift", false, null, null, "Dataset drift was not computed."));
        }

        if (rules.EmbeddingDriftPValue is { } alpha)
        {
            outcomes.Add(snapshot.EmbeddingDriftPValue is { } p
                ? new RuleOutcome("rules.embeddingDriftPValue", p < alpha, p, alpha, $"Embedding drift (MMD) p-value {N(p)} {(p < alpha ? "<" : ">=")} {N(alpha)}.")
                : new RuleOutcome("rules.embeddingDriftPValue", false, null, alpha, "Embedding drift was not computed."));
        }

        if (rules.EstimatedAccuracyDrop is { } estDrop)
        {
            outcomes.Add(Drop("rules.estimatedAccuracyDrop", "Estimated (CBPE)", snapshot.EstimatedAccuracy, snapshot.ChampionReferenceAccuracy, snapshot.ChampionReferenceSource, estDrop));
        }

        if (rules.RealisedAccuracyDrop is { } realDrop)
        {
            outcomes.Add(Drop("rules.realisedAccuracyDrop", "Realised", snapshot.RealisedAccuracy, snapshot.ChampionReferenceAccuracy, snapshot.ChampionReferenceSource, realDrop));
        }

        if (rules.Schedule is { } schedule && PolicyLoader.ParseDuration(schedule) is { } period)
        {
            var age = snapshot.Now - snapshot.ChampionTrainedAt;
            var due = age >= period;
            outcomes.Add(new RuleOutcome("rules.schedule", due, age.TotalDays, period.TotalDays,
                $"Version {snapshot.ChampionVersion} was trained {age.TotalDays.ToString("F1", CultureInfo.InvariantCulture)} days ago; the schedule retrains every {schedule}."));
        }

        var fired = outcomes.Where(o => o.Fired).ToList();
        if (fired.Count == 0)
        {
            return new RetrainingDecision(RetrainingAction.Keep, "Keep the champion: no rule fired.", outcomes);
        }

        var gate = snapshot.NewRows >= rules.MinimumNewRows;
        outcomes.Add(new RuleOutcome("rules.minimumNewRows", !gate, snapshot.NewRows, rules.MinimumNewRows,
            $"{snapshot.NewRows} new rows; retraining needs at least {rules.MinimumNewRows}."));
        var why = string.Join(" ", fired.Select(f => f.Reason));
        return gate
            ? new RetrainingDecision(RetrainingAction.Retrain, $"Retrain: {why}", outcomes)
            : new RetrainingDecision(RetrainingAction.Keep, $"Keep the champion although a rule fired ({why}): only {snapshot.NewRows} new rows, the policy needs {rules.MinimumNewRows}.", outcomes);
    }

    private static RuleOutcome Drop(string rule, string what, double? observed, double? reference, string? source, double drop)
    {
        if (observed is not { } value)
        {
            return new RuleOutcome(rule, false, null, drop, $"{what} accuracy is not available.");
        }

        if (reference is not { } baseline)
        {
            return new RuleOutcome(rule, false, value, drop, "The champion has no held-out reference accuracy to compare with.");
        }

        var fired = value < baseline - drop;
        return new RuleOutcome(rule, fired, baseline - value, drop,
            $"{what} accuracy {P(value)} vs {P(baseline)} held-out reference{(source is null ? string.Empty : $" ({source})")}: a drop of {P(baseline - value)} ({(fired ? "more" : "not more")} than {P(drop)}).");
    }

    private static string P(double v) => v.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string N(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
