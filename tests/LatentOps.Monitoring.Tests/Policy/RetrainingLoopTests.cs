using LatentOps.Monitoring.Policy;

namespace LatentOps.Monitoring.Tests.Policy;

public sealed class RetrainingLoopTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private sealed class Recorder : IRetrainer, IRegistryGate, IAuditSink
    {
        public double CandidateScore { get; init; } = 0.92;
        public double CandidateEce { get; init; } = 0.03;
        public bool RegistryAccepts { get; init; } = true;
        public List<string> Audit { get; } = [];
        public List<string> Calls { get; } = [];

        public Task<CandidateModel> RetrainAsync(RetrainingPolicy policy, IReadOnlyCollection<int> excludedRows, CancellationToken cancellationToken)
        {
            Calls.Add($"retrain excluding {excludedRows.Count}");
            return Task.FromResult(new CandidateModel(4, "lending-combined:1", 9000, policy.TrainingData, "lending-new-holdout:1", 400,
                new Dictionary<string, double> { ["rocAucScore"] = CandidateScore, ["accuracyScore"] = 0.91, ["f1Score"] = 0.5, ["expectedCalibrationError"] = CandidateEce },
                new Dictionary<string, double> { ["rocAucScore"] = 0.90, ["accuracyScore"] = 0.89, ["f1Score"] = 0.4, ["expectedCalibrationError"] = 0.05 }));
        }

        public Task<PromotionAttempt> PromoteAsync(string model, string alias, int version, CancellationToken cancellationToken)
        {
            Calls.Add($"promote {model}:{version}@{alias}");
            GateCheck[] gates = [new("expectedCalibrationError <= 0.05", RegistryAccepts, $"expectedCalibrationError = {CandidateEce}")];
            return Task.FromResult(new PromotionAttempt(RegistryAccepts, RegistryAccepts ? "all gates passed" : "gates failed: expectedCalibrationError <= 0.05", gates));
        }

        public Task RollbackAsync(string model, string alias, int version, CancellationToken cancellationToken)
        {
            Calls.Add($"rollback {model}@{alias} to {version}");
            return Task.CompletedTask;
        }

        public Dictionary<string, string>? Decision { get; private set; }

        public Task RecordAsync(string action, string model, string reason, IReadOnlyDictionary<string, string> details, CancellationToken cancellationToken)
        {
            Audit.Add(action);
            if (action == "monitor.decision")
            {
                Decision = new Dictionary<string, string>(details);
            }

            return Task.CompletedTask;
        }
    }

    private static readonly RetrainingPolicy Policy = PolicyLoader.ParseYaml(PolicyLoaderTests.Yaml);
    private static readonly MonitoringSnapshot Drifted = new(Now, 3, Now.AddDays(-1), 0.90, 5000, EmbeddingDriftPValue: 0.001);

    [Fact]
    public async Task RunAsync_BetterCandidate_RetrainsPromotesAndAuditsEachStep()
    {
        var r = new Recorder();
        var outcome = await new RetrainingLoop(r, r, r).RunAsync(Policy, Drifted, [1, 2], dryRun: false, TestContext.Current.CancellationToken);
        Assert.True(outcome.Promoted);
        Assert.Equal(["retrain excluding 2", "promote lending:4@champion"], r.Calls);
        Assert.Equal(["monitor.retrain", "monitor.promote", "monitor.decision"], r.Audit);
        Assert.Equal(("retrain", "4", "lending:3"), (r.Decision!["decision"], r.Decision["newVersion"], r.Decision["model"]));
        Assert.Equal(("0.92", "0.9", "0.03", "0.05"), (r.Decision["candidate.rocAucScore"], r.Decision["champion.rocAucScore"], r.Decision["candidate.expectedCalibrationError"], r.Decision["champion.expectedCalibrationError"]));
        Assert.Equal(("lending-combined:1", "lending-new-holdout:1", "rocAucScore"), (r.Decision["trainingData"], r.Decision["holdout"], r.Decision["metric"]));
        Assert.Contains("pass expectedCalibrationError <= 0.05", r.Decision["gates"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LowerIsBetterMetric_ComparesDownwards()
    {
        var policy = PolicyLoader.ParseYaml(PolicyLoaderTests.Yaml.Replace("minimumImprovement: 0.0", "minimumImprovement: 0.01\n  metric: expectedCalibrationError", StringComparison.Ordinal));
        var better = new Recorder { CandidateEce = 0.035 };
        var worse = new Recorder { CandidateEce = 0.045 };
        var promoted = await new RetrainingLoop(better, better, better).RunAsync(policy, Drifted, [], dryRun: false, TestContext.Current.CancellationToken);
        var kept = await new RetrainingLoop(worse, worse, worse).RunAsync(policy, Drifted, [], dryRun: false, TestContext.Current.CancellationToken);
        Assert.True(promoted.Promoted);
        Assert.False(kept.Promoted);
        Assert.Contains("above the champion's 0.0500 - minimum improvement 0.0100 = 0.0400", kept.Steps[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WorseCandidate_KeepsChampionWithReason()
    {
        var r = new Recorder { CandidateScore = 0.85 };
        var outcome = await new RetrainingLoop(r, r, r).RunAsync(Policy, Drifted, [], dryRun: false, TestContext.Current.CancellationToken);
        Assert.False(outcome.Promoted);
        Assert.DoesNotContain(r.Calls, c => c.StartsWith("promote", StringComparison.Ordinal));
        Assert.Contains("Kept version 3", outcome.Steps[^1]);
        Assert.Equal(["monitor.retrain", "monitor.keep", "monitor.decision"], r.Audit);
    }

    [Fact]
    public async Task RunAsync_RegistryRefuses_NotPromotedAndReasonKept()
    {
        var r = new Recorder { RegistryAccepts = false };
        var outcome = await new RetrainingLoop(r, r, r).RunAsync(Policy, Drifted, [], dryRun: false, TestContext.Current.CancellationToken);
        Assert.False(outcome.Promoted);
        Assert.Contains("gates failed: expectedCalibrationError <= 0.05", outcome.Steps[^1], StringComparison.Ordinal);
        Assert.Contains("FAIL expectedCalibrationError <= 0.05", r.Decision!["gates"], StringComparison.Ordinal);
        Assert.Equal(["monitor.retrain", "monitor.keep", "monitor.decision"], r.Audit);
    }

    [Fact]
    public async Task RunAsync_Regression_RollsBack()
    {
        var r = new Recorder();
        var snapshot = new MonitoringSnapshot(Now, 4, Now.AddDays(-1), 0.92, 0, RealisedAccuracy: 0.80, RealisedLabelledRows: 400, PreviousVersion: 3, PreviousVersionRealisedAccuracy: 0.90);
        var outcome = await new RetrainingLoop(r, r, r).RunAsync(Policy, snapshot, [], dryRun: false, TestContext.Current.CancellationToken);
        Assert.Equal(3, outcome.RolledBackTo);
        Assert.Equal(["rollback lending@champion to 3"], r.Calls);
        Assert.Equal(["monitor.rollback", "monitor.decision"], r.Audit);
    }

    [Fact]
    public async Task RunAsync_DryRun_DecidesOnlyAndTouchesNothing()
    {
        var r = new Recorder();
        var outcome = await new RetrainingLoop(r, r, r).RunAsync(Policy, Drifted, [], dryRun: true, TestContext.Current.CancellationToken);
        Assert.Equal(RetrainingAction.Retrain, outcome.Decision.Action);
        Assert.False(outcome.Executed);
        Assert.Empty(r.Calls);
        Assert.Empty(r.Audit);
    }
}
