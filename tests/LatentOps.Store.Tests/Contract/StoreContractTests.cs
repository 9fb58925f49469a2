using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Store.Database;
using LatentOps.Store.Registry;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

namespace LatentOps.Store.Tests.Contract;

/// <summary>
/// The store contract (MLflow's store tests are the model): every test runs on SQLite and, when
/// <c>LATENTOPS_TEST_POSTGRES</c> is set, on PostgreSQL, through the same public API.
/// </summary>
public abstract partial class StoreContractTests : IDisposable
{
    private readonly StoreDialect _dialect;
    private StoreBackend? _backend;
    private Workspace? _workspace;

    protected StoreContractTests(StoreDialect dialect) => _dialect = dialect;

    protected StoreBackend Backend => _backend ??= StoreBackend.Create(_dialect);

    protected Workspace Workspace => _workspace ??= Backend.Open();

    protected ITrackingStore Tracking => Workspace.Tracking("alice");

    protected IModelRegistry Registry => Workspace.Registry("alice");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _backend?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A finished run with a model package artifact and the given final metrics.</summary>
    protected async Task<string> TrainedRunAsync(IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, string>? tags = null, string experiment = "churn")
    {
        var run = await Tracking.CreateRunAsync(new RunStart { Experiment = experiment, Params = new Dictionary<string, string> { ["epochs"] = "3" }, Tags = tags ?? new Dictionary<string, string>() }, Ct);
        foreach (var (key, value) in metrics)
        {
            await Tracking.LogMetricAsync(run.RunId, key, value, 0, Ct);
        }

        var package = await Workspace.Artifacts.PutAsync(System.Text.Encoding.UTF8.GetBytes($"model package of {run.RunId}"), Ct);
        await Tracking.LogArtifactAsync(run.RunId, new RunArtifact("model", package.Hash, package.Size), Ct);
        await Tracking.EndRunAsync(run.RunId, RunStatus.Finished, Ct);
        return run.RunId;
    }

    [Fact]
    public async Task CreateRun_WithParamsAndTags_RoundTrips()
    {
        var started = await Tracking.CreateRunAsync(new RunStart
        {
            Experiment = "churn",
            Name = "baseline",
            SourceCommit = "abc1234",
            Params = new Dictionary<string, string> { ["lr"] = "0.001", ["dim"] = "64" },
            Tags = new Dictionary<string, string> { ["objective"] = "scarf" },
        }, Ct);

        var run = await Tracking.GetRunAsync(started.RunId, Ct);

        Assert.Equal("churn", run.Info.Experiment);
        Assert.Equal("baseline", run.Info.Name);
        Assert.Equal("abc1234", run.Info.SourceCommit);
        Assert.Equal("alice", run.Info.CreatedBy);
        Assert.Equal(RunStatus.Running, run.Info.Status);
        Assert.Equal("0.001", run.Params["lr"]);
        Assert.Equal("scarf", run.Tags["objective"]);
        Assert.Equal(32, run.Info.RunId.Length);
    }

    [Fact]
    public async Task LogMetrics_ManySteps_HistoryInStepOrderAndLatestIsHighestStep()
    {
        var run = await Tracking.CreateRunAsync(new RunStart(), Ct);
        var now = DateTimeOffset.UtcNow;
        await Tracking.LogMetricsAsync(run.RunId, [new("trainLoss", 0.9, 1, now), new("trainLoss", 0.5, 3, now), new("trainLoss", 0.7, 2, now)], Ct);

        var history = await Tracking.GetMetricHistoryAsync(run.RunId, "trainLoss", Ct);
        var latest = (await Tracking.GetRunAsync(run.RunId, Ct)).Metrics["trainLoss"];

        Assert.Equal([1L, 2L, 3L], history.Select(p => p.Step));
        Assert.Equal([0.9, 0.7, 0.5], history.Select(p => p.Value));
        Assert.Equal(0.5, latest);
    }

    [Fact]
    public async Task LogMetric_NaN_ReadsBackAsNaN()
    {
        var run = await Tracking.CreateRunAsync(new RunStart(), Ct);

        await Tracking.LogMetricAsync(run.RunId, "valLoss", double.NaN, 0, Ct);

        Assert.True(double.IsNaN((await Tracking.GetRunAsync(run.RunId, Ct)).Metrics["valLoss"]));
    }

    [Fact]
    public async Task LogParams_ChangedValue_FailsWithInvalidStateNamingTheParameter()
    {
        var run = await Tracking.CreateRunAsync(new RunStart { Params = new Dictionary<string, string> { ["lr"] = "0.1" } }, Ct);

        var error = await Assert.ThrowsAsync<LatentOpsException>(() => Tracking.LogParamsAsync(run.RunId, new Dictionary<string, string> { ["lr"] = "0.2" }, Ct));

        Assert.Equal(ErrorCode.InvalidState, error.Code);
        Assert.Contains("'lr'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndRun_Finished_SetsStatusAndEndTime()
    {
        var run = await Tracking.CreateRunAsync(new RunStart(), Ct);

        await Tracking.EndRunAsync(run.RunId, RunStatus.Failed, Ct);

        var info = (await Tracking.GetRunAsync(run.RunId, Ct)).Info;
        Assert.Equal(RunStatus.Failed, info.Status);
        Assert.NotNull(info.EndTime);
        Assert.True(info.EndTime >= info.StartTime);
    }

    [Fact]
    public async Task SearchRuns_FilterAndOrderByMetric_ReturnsMatchingRunsSorted()
    {
        var low = await TrainedRunAsync(new Dictionary<string, double> { ["aucScore"] = 0.70 });
        var high = await TrainedRunAsync(new Dictionary<string, double> { ["aucScore"] = 0.90 });
        var mid = await TrainedRunAsync(new Dictionary<string, double> { ["aucScore"] = 0.80 });
        await TrainedRunAsync(new Dictionary<string, double> { ["aucScore"] = 0.95 }, experiment: "other");

        var runs = await Tracking.SearchRunsAsync(new RunQuery { Experiment = "churn", Filter = "metrics.aucScore >= 0.75 and params.epochs = '3'", OrderBy = "metrics.aucScore desc" }, Ct);

        Assert.Equal([high, mid], runs.Select(r => r.Info.RunId));
        Assert.DoesNotContain(low, runs.Select(r => r.Info.RunId));
    }

    [Fact]
    public async Task SearchRuns_MalformedFilter_FailsWithInvalidInputShowingTheSyntax()
    {
        var error = await Assert.ThrowsAsync<LatentOpsException>(() => Tracking.SearchRunsAsync(new RunQuery { Filter = "auc > 0.5" }, Ct));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("metrics.KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveRunId_UniquePrefix_ReturnsFullId()
    {
        var run = await Tracking.CreateRunAsync(new RunStart(), Ct);

        Assert.Equal(run.RunId, await Tracking.ResolveRunIdAsync(run.RunId[..8].ToUpperInvariant(), Ct));
    }

    [Fact]
    public async Task GetRun_UnknownId_FailsWithNotFound()
    {
        var error = await Assert.ThrowsAsync<LatentOpsException>(() => Tracking.GetRunAsync(new string('0', 32), Ct));

        Assert.Equal(ErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task Register_TwoRuns_CreatesVersions1And2WithTheirPackageHashes()
    {
        var first = await TrainedRunAsync(new Dictionary<string, double> { ["aucScore"] = 0.8 });
        var second = await TrainedRunAsync(new Dictionary<string, double> { ["aucScore"] = 0.81 });

        var v1 = await Registry.RegisterAsync("churn", first, cancellationToken: Ct);
        var v2 = await Registry.RegisterAsync("churn", second, cancellationToken: Ct);

        Assert.Equal(1, v1.Version);
        Assert.Equal(2, v2.Version);
        var package = (await Tracking.GetRunAsync(second, Ct)).Artifacts.Single(a => a.Path == "model").Hash;
        Assert.Equal(package, v2.PackageHash);
        var details = await Registry.GetModelAsync("churn", Ct);
        Assert.Equal(2, details.Model.LatestVersion);
        Assert.Equal([2, 1], details.Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task Register_RunWithoutModelPackage_FailsWithInvalidStateAndCreatesNothing()
    {
        var run = await Tracking.CreateRunAsync(new RunStart(), Ct);

        var error = await Assert.ThrowsAsync<LatentOpsException>(() => Registry.RegisterAsync("churn", run.RunId, cancellationToken: Ct));

        Assert.Equal(ErrorCode.InvalidState, error.Code);
        Assert.Contains("model package", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Registry.ListModelsAsync(Ct));
    }

    [Fact]
    public async Task Resolve_AliasAndVersionReferences_ReturnTheVersion()
    {
        var run = await TrainedRunAsync(new Dictionary<string, double> { ["aucScore"] = 0.8 });
        await Registry.RegisterAsync("churn", run, cancellationToken: Ct);
        await Registry.SetAliasAsync("churn", "staging", 1, Ct);

        Assert.Equal(1, (await Registry.ResolveAsync(ModelRef.Parse("churn@staging"), Ct)).Version);
        Assert.Equal(["staging"], (await Registry.ResolveAsync(ModelRef.Parse("churn:1"), Ct)).Aliases);
        var error = await Assert.ThrowsAsync<LatentOpsException>(() => Registry.ResolveAsync(ModelRef.Parse("churn@champion"), Ct));
        Assert.Equal(ErrorCode.NotFound, error.Code);
        Assert.Contains("staging", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_BetterCandidate_PassesGatesAndMovesAlias()
    {
        var gates = StandardGates();
        await RegisterAsync(0.80, 0.03);
        await RegisterAsync(0.84, 0.02);
        await Registry.PromoteAsync(new PromotionRequest("churn", 1), gates, Ct);

        var result = await Registry.PromoteAsync(new PromotionRequest("churn", 2), gates, Ct);

        Assert.True(result.Promoted);
        Assert.False(result.Forced);
        Assert.Equal(1, result.ChampionVersion);
        Assert.All(result.Gates, g => Assert.True(g.Passed));
        Assert.Equal(2, (await Registry.ResolveAsync(ModelRef.Parse("churn@champion"), Ct)).Version);
    }

    [Fact]
    public async Task Promote_WorseCandidate_IsRefusedWithTheReasonAndAliasStays()
    {
        var gates = StandardGates();
        await RegisterAsync(0.84, 0.02);
        await RegisterAsync(0.82, 0.02);
        await Registry.PromoteAsync(new PromotionRequest("churn", 1), gates, Ct);

        var result = await Registry.PromoteAsync(new PromotionRequest("churn", 2), gates, Ct);

        Assert.False(result.Promoted);
        var failed = Assert.Single(result.Gates, g => !g.Passed);
        Assert.Contains("aucScore", failed.Rule, StringComparison.Ordinal);
        Assert.Equal(0.835, failed.Threshold!.Value, 6);
        Assert.Equal(1, (await Registry.ResolveAsync(ModelRef.Parse("churn@champion"), Ct)).Version);
        var refusal = (await Workspace.Audit().ListAsync(cancellationToken: Ct))[0];
        Assert.Equal("model.promote.refused", refusal.Action);
        Assert.Equal("churn:2", refusal.Subject);
    }

    [Fact]
    public async Task Promote_LatestEvaluationRunOfTheVersion_OverlaysItsMetricsForTheGates()
    {
        await RegisterAsync(0.50, 0.02); // training-run aucScore 0.50 would fail min 0.7
        var gates = new PromotionGates([new GateRule { Metric = "aucScore", Min = 0.7 }]);
        async Task EvaluateAsync(string model, double auc, RunStatus status)
        {
            var run = await Tracking.CreateRunAsync(new RunStart
            {
                Experiment = "evaluation",
                Tags = new Dictionary<string, string> { ["latentops.kind"] = "evaluation", ["latentops.model"] = model },
            }, Ct);
            await Tracking.LogMetricAsync(run.RunId, "aucScore", auc, cancellationToken: Ct);
            await Tracking.EndRunAsync(run.RunId, status, Ct);
        }

        await EvaluateAsync("churn:2", 0.95, RunStatus.Finished); // another version: ignored
        await EvaluateAsync("churn:1", 0.90, RunStatus.Failed);   // not finished: ignored
        var refused = await Registry.PromoteAsync(new PromotionRequest("churn", 1), gates, Ct);
        await EvaluateAsync("churn:1", 0.81, RunStatus.Finished);
        var promoted = await Registry.PromoteAsync(new PromotionRequest("churn", 1), gates, Ct);

        Assert.False(refused.Promoted);
        Assert.True(promoted.Promoted);
        Assert.Equal(0.81, promoted.Gates.Single().Candidate!.Value, 9);
    }

    [Fact]
    public async Task Promote_CalibrationAboveMax_IsRefused()
    {
        await RegisterAsync(0.90, 0.20);

        var result = await Registry.PromoteAsync(new PromotionRequest("churn", 1), StandardGates(), Ct);

        Assert.False(result.Promoted);
        Assert.Contains(result.Gates, g => !g.Passed && g.Rule == "eceError <= 0.05");
    }

    [Fact]
    public async Task Promote_ForceWithoutReason_FailsWithInvalidInput()
    {
        await RegisterAsync(0.90, 0.20);

        var error = await Assert.ThrowsAsync<LatentOpsException>(() => Registry.PromoteAsync(new PromotionRequest("churn", 1, Force: true), StandardGates(), Ct));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
    }

    [Fact]
    public async Task Promote_ForceWithReason_MovesAliasAndRecordsTheReason()
    {
        await RegisterAsync(0.90, 0.20);

        var result = await Registry.PromoteAsync(new PromotionRequest("churn", 1, Force: true, Reason: "hotfix approved by risk"), StandardGates(), Ct);

        Assert.True(result.Promoted);
        Assert.True(result.Forced);
        var move = Assert.Single(await Registry.GetAliasHistoryAsync("churn", "champion", Ct));
        Assert.Equal("force", move.Kind);
        Assert.Equal("hotfix approved by risk", move.Reason);
        var audit = (await Workspace.Audit().ListAsync(cancellationToken: Ct))[0];
        Assert.Equal("model.promote.forced", audit.Action);
        Assert.Equal("hotfix approved by risk", audit.Details["reason"]);
    }

    [Fact]
    public async Task Promote_SliceWorseThanChampion_IsRefusedNamingTheSlice()
    {
        var gates = new PromotionGates([new GateRule { MetricPrefix = "slice.", VsChampion = true, Tolerance = 0.02 }]);
        await RegisterAsync(0.8, 0.02, new Dictionary<string, double> { ["slice.grade=A.aucScore"] = 0.80, ["slice.grade=B.aucScore"] = 0.70 });
        await RegisterAsync(0.8, 0.02, new Dictionary<string, double> { ["slice.grade=A.aucScore"] = 0.85, ["slice.grade=B.aucScore"] = 0.60 });
        await Registry.PromoteAsync(new PromotionRequest("churn", 1), gates, Ct);

        var result = await Registry.PromoteAsync(new PromotionRequest("churn", 2), gates, Ct);

        Assert.False(result.Promoted);
        Assert.Equal("slice.grade=B.aucScore >= champion (v1) - 0.02", Assert.Single(result.Gates, g => !g.Passed).Rule);
    }

    [Fact]
    public async Task Rollback_AfterTwoPromotions_RestoresEachPreviousHolderInTurn()
    {
        for (var i = 0; i < 3; i++)
        {
            await RegisterAsync(0.80 + (0.01 * i), 0.02);
            await Registry.PromoteAsync(new PromotionRequest("churn", i + 1), StandardGates(), Ct);
        }

        var first = await Registry.RollbackAsync("churn", "champion", Ct);
        var second = await Registry.RollbackAsync("churn", "champion", Ct);
        var error = await Assert.ThrowsAsync<LatentOpsException>(() => Registry.RollbackAsync("churn", "champion", Ct));

        Assert.Equal((3, 2), (first.FromVersion!.Value, first.ToVersion));
        Assert.Equal((2, 1), (second.FromVersion!.Value, second.ToVersion));
        Assert.Equal(ErrorCode.InvalidState, error.Code);
        Assert.Equal(1, (await Registry.ResolveAsync(ModelRef.Parse("churn@champion"), Ct)).Version);
        Assert.Equal(["promote", "promote", "promote", "rollback", "rollback"], (await Registry.GetAliasHistoryAsync("churn", "champion", Ct)).Select(m => m.Kind));
    }

    [Fact]
    public async Task Lineage_RegisteredVersion_LeadsToRunDataAndSources()
    {
        var runId = await TrainedRunAsync(new Dictionary<string, double> { ["aucScore"] = 0.8 });
        await Tracking.LogDatasetAsync(runId, new RunDataset("train", "lending", 2, new string('a', 64), "samples/lending_club.csv"), Ct);
        await Registry.RegisterAsync("churn", runId, cancellationToken: Ct);

        var lineage = await Registry.GetLineageAsync("churn", 1, Ct);

        Assert.Equal(runId, lineage.Run.RunId);
        var dataset = Assert.Single(lineage.Datasets);
        Assert.Equal(("train", "lending", 2, "samples/lending_club.csv"), (dataset.Role, dataset.Name, dataset.Version, dataset.Source));
        Assert.Equal(lineage.Version.PackageHash, lineage.Artifacts.Single(a => a.Path == "model").Hash);
        Assert.Equal(0.8, lineage.Metrics["aucScore"]);
    }

    [Fact]
    public async Task Register_EightConcurrentWriters_NoLostOrDuplicatedVersions()
    {
        var run = await TrainedRunAsync(new Dictionary<string, double> { ["aucScore"] = 0.8 });

        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var registry = Backend.Open().Registry("writer");
            var mine = new List<int>();
            for (var i = 0; i < 5; i++)
            {
                mine.Add((await registry.RegisterAsync("churn", run, cancellationToken: Ct)).Version);
            }

            return mine;
        }, Ct)));

        Assert.Equal(Enumerable.Range(1, 40), versions.SelectMany(v => v).Order());
        Assert.True((await Workspace.Audit().VerifyAsync(Ct)).Intact);
    }

    protected static PromotionGates StandardGates() => new(
    [
        new GateRule { Metric = "aucScore", VsChampion = true, Tolerance = 0.005 },
        new GateRule { Metric = "eceError", Max = 0.05 },
    ]);

    protected async Task<ModelVersion> RegisterAsync(double auc, double ece, IReadOnlyDictionary<string, double>? extra = null)
    {
        var metrics = new Dictionary<string, double>(extra ?? new Dictionary<string, double>()) { ["aucScore"] = auc, ["eceError"] = ece };
        return await Registry.RegisterAsync("churn", await TrainedRunAsync(metrics), cancellationToken: Ct);
    }
}

public sealed class SqliteStoreContractTests() : StoreContractTests(StoreDialect.Sqlite);

public sealed class PostgresStoreContractTests() : StoreContractTests(StoreDialect.Postgres);
