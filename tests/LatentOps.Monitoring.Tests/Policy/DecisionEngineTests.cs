using LatentOps.Monitoring.Policy;

namespace LatentOps.Monitoring.Tests.Policy;

public sealed class DecisionEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly RetrainingPolicy Policy = PolicyLoader.ParseYaml(PolicyLoaderTests.Yaml);

    private static MonitoringSnapshot Quiet() => new(Now, 3, Now.AddDays(-1), 0.90, NewRows: 5000, DatasetDrift: false, DriftedShare: 0.1,
        EmbeddingDriftPValue: 0.4, EstimatedAccuracy: 0.89, RealisedAccuracy: 0.89, RealisedLabelledRows: 500);

    [Fact]
    public void Decide_NothingFires_Keep()
    {
        var d = DecisionEngine.Decide(Policy, Quiet());
        Assert.Equal(RetrainingAction.Keep, d.Action);
        Assert.Empty(d.Fired);
        Assert.Contains("no rule fired", d.Reason);
    }

    [Fact]
    public void Decide_EmbeddingDrift_RetrainWithPValueInReason()
    {
        var d = DecisionEngine.Decide(Policy, Quiet() with { EmbeddingDriftPValue = 0.001 });
        Assert.Equal(RetrainingAction.Retrain, d.Action);
        Assert.Equal("rules.embeddingDriftPValue", d.Fired.Single().Rule);
        Assert.Contains("0.001", d.Reason);
    }

    [Fact]
    public void Decide_EstimatedAccuracyDrop_Retrain()
    {
        var d = DecisionEngine.Decide(Policy, Quiet() with { EstimatedAccuracy = 0.80 });
        Assert.Equal(RetrainingAction.Retrain, d.Action);
        Assert.Equal("rules.estimatedAccuracyDrop", d.Fired.Single().Rule);
    }

    [Fact]
    public void Decide_RuleFiresButTooFewNewRows_KeepSayingWhy()
    {
        var d = DecisionEngine.Decide(Policy, Quiet() with { DatasetDrift = true, DriftedShare = 0.6, NewRows = 200 });
        Assert.Equal(RetrainingAction.Keep, d.Action);
        Assert.Contains("only 200 new rows", d.Reason);
    }

    [Fact]
    public void Decide_ScheduleDue_Retrain()
    {
        var d = DecisionEngine.Decide(Policy, Quiet() with { ChampionTrainedAt = Now.AddDays(-8) });
        Assert.Equal(RetrainingAction.Retrain, d.Action);
        Assert.Equal("rules.schedule", d.Fired.Single().Rule);
    }

    [Fact]
    public void Decide_PromotionMadeThingsWorse_RollbackBeforeAnythingElse()
    {
        var d = DecisionEngine.Decide(Policy, Quiet() with { PreviousVersion = 2, PreviousVersionRealisedAccuracy = 0.93, RealisedAccuracy = 0.85, EmbeddingDriftPValue = 0.001 });
        Assert.Equal(RetrainingAction.Rollback, d.Action);
        Assert.Equal(2, d.RollbackTo);
    }

    [Fact]
    public void Decide_TooFewLabelsAfterPromotion_NoRollback()
    {
        var d = DecisionEngine.Decide(Policy, Quiet() with { PreviousVersion = 2, PreviousVersionRealisedAccuracy = 0.93, RealisedAccuracy = 0.85, RealisedLabelledRows = 20 });
        Assert.NotEqual(RetrainingAction.Rollback, d.Action);
        Assert.Contains(d.Rules, r => r.Rule == "rollback.realisedAccuracyDrop" && r.Reason.Contains("Only 20 labelled rows"));
    }

    [Fact]
    public void Decide_MissingInputs_DoNotFire()
    {
        var d = DecisionEngine.Decide(Policy, new MonitoringSnapshot(Now, 1, Now, null, 10));
        Assert.Equal(RetrainingAction.Keep, d.Action);
        Assert.Contains(d.Rules, r => r.Reason.Contains("not computed"));
    }
}
