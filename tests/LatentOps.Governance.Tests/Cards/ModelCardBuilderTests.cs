using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Governance.Cards;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;

namespace LatentOps.Governance.Tests.Cards;

public sealed class ModelCardBuilderTests(GovernanceWorkspace fixture)
{
    [Fact]
    public async Task BuildAsync_RegisteredModel_FillsDetailsLineageAndTrainingDataChecks()
    {
        using var copy = await fixture.CopyAsync();

        var card = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans@champion"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("loans:1", card.Reference);
        Assert.Equal("loans@champion", card.RequestedAs);
        Assert.Equal(["champion"], card.Details.Aliases);
        Assert.Equal("supervised", card.Details.Objective);
        Assert.Equal(["bad", "good"], card.Details.Classes!.Order());
        Assert.Equal(22, card.Details.Inputs.Count); // 23 columns of lending_club minus the label.
        Assert.Contains(card.Details.Outputs, o => o.Name == "probabilities");
        Assert.Null(card.Details.PackageProblem);
        Assert.Equal(fixture.TrainRunId, card.Lineage!.RunId);
        Assert.StartsWith("5aecd0f", card.Lineage.SourceCommit, StringComparison.Ordinal);
        Assert.Equal("2", card.Lineage.Params["epochs"]);
        var train = Assert.Single(card.TrainingData);
        Assert.Equal("loans-train:1", train.Reference);
        Assert.Equal(6000, train.Rows);
        Assert.StartsWith("split of loans:1", train.Provenance, StringComparison.Ordinal);
        Assert.Equal("loans-test:1", train.Checks!.ComparedWith);
        Assert.Contains(train.Checks.Findings, f => f.Check.StartsWith("imbalance", StringComparison.Ordinal)); // 'bad' is ~5% of loans.
        Assert.Equal(ModelCardBuilder.WrittenSectionsPath(copy.Workspace, "loans"), card.Written.Path);
        Assert.True(File.Exists(card.Written.Path));
    }

    [Fact]
    public async Task BuildAsync_NeverEvaluated_SaysNotEvaluatedAndHowToEvaluate()
    {
        using var copy = await fixture.CopyAsync();

        var card = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans:1"), cancellationToken: TestContext.Current.CancellationToken);
        var markdown = ModelCardRenderer.ToMarkdown(card);

        Assert.Null(card.Evaluation);
        Assert.Contains("Not evaluated yet: run `latentops evaluate model loans:1 --data loans-test`", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_EvaluationJsonArtifact_ShowsIntervalsSlicesCalibrationFairnessRobustness()
    {
        using var copy = await fixture.CopyAsync();
        var runId = await fixture.AddEvaluationAsync(copy.Workspace, "loans:1", withArtifact: true);

        var card = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans:1"), cancellationToken: TestContext.Current.CancellationToken);

        var evaluation = card.Evaluation!;
        Assert.Equal(runId, evaluation.RunId);
        Assert.Equal("evaluation.json", evaluation.Source);
        Assert.Equal("loans-test:1", evaluation.Dataset);
        Assert.Equal(2000, evaluation.Rows);
        var auc = evaluation.Metrics.Single(m => m.Name == "rocAucScore");
        Assert.Equal(fixture.EvaluationMetrics.Single(m => m.Key == "rocAucScore").Value, auc.Value, 12);
        Assert.True(auc.Lower <= auc.Value && auc.Value <= auc.Upper, "the interval holds the value");
        Assert.Equal(["term_36", "term_60"], evaluation.Slices.Select(s => s.Value).Order());
        Assert.All(evaluation.Slices, s => Assert.True(s.Rows > 0));
        Assert.NotEmpty(evaluation.Calibration!.Bins);
        Assert.Equal("term", evaluation.Fairness!.Column);
        Assert.Equal(2, evaluation.Robustness!.Noise.Count(p => p.Level > 0));
    }

    [Fact]
    public async Task BuildAsync_EvaluationRunWithoutArtifact_ReadsMetricsAndIntervalEndsFromTheRun()
    {
        using var copy = await fixture.CopyAsync();
        await fixture.AddEvaluationAsync(copy.Workspace, "loans:1", withArtifact: false);

        var card = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans:1"), cancellationToken: TestContext.Current.CancellationToken);

        var evaluation = card.Evaluation!;
        Assert.Equal("run metrics", evaluation.Source);
        var expected = fixture.EvaluationMetrics.ToDictionary(m => m.Key, m => m.Value);
        var auc = evaluation.Metrics.Single(m => m.Name == "rocAucScore");
        Assert.Equal(expected["rocAucScore"], auc.Value);
        Assert.Equal(expected["rocAucScore.ci_low"], auc.Lower);
        Assert.Equal(expected["rocAucScore.ci_high"], auc.Upper);
        Assert.DoesNotContain(evaluation.Metrics, m => m.Name.EndsWith(".ci_low", StringComparison.Ordinal));
        Assert.Contains("full evaluation.json result was not recorded", ModelCardRenderer.ToMarkdown(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regenerate_AfterEditingAndANewVersion_WrittenTextKeptAndRecordedSectionsUpdated()
    {
        var ct = TestContext.Current.CancellationToken;
        using var copy = await fixture.CopyAsync();
        var first = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans@champion"), cancellationToken: ct);
        Assert.Null(first.Evaluation);
        // The owner edits the file in an editor: two answers written between the markers.
        var file = first.Written.Path;
        var edited = (await File.ReadAllTextAsync(file, ct))
            .Replace("<!-- latentops:end intended-use -->", "Ranks loan applications for a second look by an underwriter.\n<!-- latentops:end intended-use -->", StringComparison.Ordinal)
            .Replace("<!-- latentops:end limitations -->", "Trained on 2018 US loans only.\n<!-- latentops:end limitations -->", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, edited, ct);

        // A new version is trained, registered, evaluated and promoted; the card is regenerated.
        await GovernanceWorkspace.TrainAndRegisterAsync(copy.Workspace, "loans", ct, seed: 1);
        await fixture.AddEvaluationAsync(copy.Workspace, "loans:2", withArtifact: true);
        await copy.Workspace.Registry().SetAliasAsync("loans", "champion", 2, ct);
        var second = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans@champion"), cancellationToken: ct);
        var markdown = ModelCardRenderer.ToMarkdown(second);

        Assert.Equal(edited, await File.ReadAllTextAsync(file, ct));
        Assert.Equal("Ranks loan applications for a second look by an underwriter.", second.Written.Get(ModelCardSections.IntendedUse)!.Text);
        Assert.Equal("Trained on 2018 US loans only.", second.Written.Get(ModelCardSections.Limitations)!.Text);
        Assert.Contains("Ranks loan applications for a second look by an underwriter.", markdown, StringComparison.Ordinal);
        Assert.Equal("loans:2", second.Reference);
        Assert.Equal(2, second.Details.LatestVersion);
        Assert.NotEqual(first.Lineage!.RunId, second.Lineage!.RunId);
        Assert.NotNull(second.Evaluation);
        Assert.Contains(second.Monitoring.AliasMoves, m => m.FromVersion == 1 && m.ToVersion == 2);
        Assert.True(second.Nist.Items.Single(i => i.Id == "map.intended-use").Present);
        Assert.True(second.Nist.Items.Single(i => i.Id == "manage.rollback").Present);
    }

    [Fact]
    public async Task BuildAsync_MonitoringRunAndDecision_ShowsDriftEstimatesAndTheDecision()
    {
        var ct = TestContext.Current.CancellationToken;
        using var copy = await fixture.CopyAsync();
        var tracking = copy.Workspace.Tracking();
        var run = await tracking.CreateRunAsync(new RunStart
        {
            Experiment = "monitoring",
            Tags = new Dictionary<string, string> { ["latentops.kind"] = "monitoring", ["latentops.model"] = "loans:1" },
        }, ct);
        await tracking.LogMetricsAsync(run.RunId, [new MetricPoint("drift.share", 0.6, 0, DateTimeOffset.UtcNow), new MetricPoint("estimated.rocAucScore", 0.71, 0, DateTimeOffset.UtcNow)], ct);
        await tracking.EndRunAsync(run.RunId, RunStatus.Finished, ct);
        await copy.Workspace.Audit().AppendAsync("monitor", "monitor.decision", "loans:1", new Dictionary<string, string>
        {
            ["policy"] = "weekly", ["decision"] = "retrain", ["reason"] = "60% of features drifted", ["model"] = "loans:1",
        }, ct);
        await copy.Workspace.Audit().AppendAsync("monitor", "monitor.decision", "other:1", new Dictionary<string, string> { ["decision"] = "keep", ["model"] = "other:1" }, ct);

        var card = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans:1"), cancellationToken: ct);

        Assert.Equal(run.RunId, card.Monitoring.LatestRunId);
        Assert.Equal(0.6, card.Monitoring.DriftShare);
        Assert.Equal(0.71, card.Monitoring.Estimated["rocAucScore"]);
        var decision = Assert.Single(card.Monitoring.Decisions);
        Assert.Equal("retrain", decision.Decision);
        Assert.Equal("weekly", decision.Policy);
        Assert.Contains("60% of features drifted", ModelCardRenderer.ToMarkdown(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_UnknownVersion_NotFoundNamingIt()
    {
        using var copy = await fixture.CopyAsync();

        var error = await Assert.ThrowsAsync<LatentOpsException>(() => ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans:9"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCode.NotFound, error.Code);
        Assert.Contains("9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_ReadOnly_DoesNotCreateTheWrittenSectionsFile()
    {
        using var copy = await fixture.CopyAsync();

        var card = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans:1"), new ModelCardOptions { EnsureWrittenSectionsFile = false, RunDataChecks = false }, TestContext.Current.CancellationToken);

        Assert.False(card.Written.Exists);
        Assert.False(File.Exists(card.Written.Path));
        Assert.Null(card.TrainingData[0].Checks);
        Assert.Equal(ModelCardSections.Templates.Count, card.Written.Sections.Count);
    }
}
