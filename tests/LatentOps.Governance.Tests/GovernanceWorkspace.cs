using System.Globalization;
using System.Text;
using LatentOps.Core.Serialization;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Models;
using LatentOps.Evaluation.Robustness;
using LatentOps.Evaluation.Suite;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Packaging;
using LatentOps.Learning.Training;
using LatentOps.Store.Datasets;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

[assembly: AssemblyFixture(typeof(LatentOps.Governance.Tests.GovernanceWorkspace))]

namespace LatentOps.Governance.Tests;

/// <summary>
/// Builds, once per test run, a real workspace: the shipped lending_club sample ingested as loans:1 and
/// split into loans-train:1 / loans-test:1 (with split lineage), a supervised model trained for 2 epochs
/// with TorchSharp on loans-train, registered as loans:1 and aliased champion, and a real evaluation of
/// it on loans-test (bootstrap intervals, slices, calibration, fairness, robustness). Each test gets its
/// own copy of the workspace folder (<see cref="CopyAsync"/>), so tests can change it freely.
/// </summary>
public sealed class GovernanceWorkspace : IAsyncLifetime
{
    private readonly string _template = Path.Combine(Path.GetTempPath(), "latentops-governance-tests", "template-" + Guid.NewGuid().ToString("N"));

    /// <summary>The run id of the training run behind loans:1.</summary>
    public string TrainRunId { get; private set; } = string.Empty;

    /// <summary>The serialized ModelEvaluationResult of loans:1 on loans-test:1.</summary>
    public string EvaluationJson { get; private set; } = string.Empty;

    /// <summary>Its headline metrics with interval ends, as an evaluation run records them.</summary>
    public IReadOnlyList<MetricPoint> EvaluationMetrics { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var workspace = Workspace.Open(_template);
        var catalog = new DatasetCatalog(workspace);
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv");
        var table = await TableReader.ReadAsync(sample, cancellationToken: ct);
        var bytes = await File.ReadAllBytesAsync(sample, ct);
        var roles = new DatasetRoles(Label: "Class");
        await catalog.AddVersionAsync("loans", table, roles,
            DatasetProvenance.Ingested(new DatasetSource("lending_club.csv", sample, bytes.Length, Core.Hashing.ContentHash.Of(bytes), "csv"), new Dictionary<string, string> { ["label"] = "Class" }), null, ct);
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        new Random(7).Shuffle(rows);
        var train = table.Take(rows[..6000]);
        var test = table.Take(rows[6000..8000]);
        foreach (var (part, data) in new[] { ("train", train), ("test", test) })
        {
            var transform = new DatasetTransform("split", new Dictionary<string, string> { ["by"] = "random", ["seed"] = "7", ["part"] = part, ["split"] = "loans:1/random/7" });
            await catalog.AddVersionAsync($"loans-{part}", data, roles, DatasetProvenance.Derived(transform), [new Core.References.DatasetRef("loans", 1)], ct);
        }

        TrainRunId = await TrainAndRegisterAsync(workspace, "loans", ct);
        await workspace.Registry().SetAliasAsync("loans", "champion", 1, ct);

        using var model = ModelPackage.Load(workspace.Artifacts.GetPath((await workspace.Registry().ResolveAsync(Core.References.ModelRef.Parse("loans:1"), ct)).PackageHash));
        var evaluation = ModelEvaluation.Run(
            new ModelUnderEvaluation
            {
                LabelColumn = "Class",
                ClassNames = model.Classes!,
                PredictProbabilities = t => Array.ConvertAll(model.PredictProbabilities(t), p => (double)p),
            },
            null,
            test,
            new ModelEvaluationOptions
            {
                Evaluation = new EvaluationOptions { Bootstrap = new BootstrapOptions { Resamples = 100 } },
                SliceColumns = ["term"],
                ProtectedColumn = "term",
                Robustness = new RobustnessOptions { NoiseLevels = [0, 0.5, 1.0], SwapRates = [0, 0.25], DropFeatures = false },
            });
        EvaluationJson = LatentOpsJson.Serialize(evaluation);
        var now = DateTimeOffset.UtcNow;
        EvaluationMetrics =
        [
            .. evaluation.Evaluation.Metrics.Where(m => !double.IsNaN(m.Value)).Select(m => new MetricPoint(m.Key, m.Value, 0, now)),
            .. evaluation.Evaluation.Headline.SelectMany(h => new[] { new MetricPoint($"{h.Metric}.ci_low", h.Lower, 0, now), new MetricPoint($"{h.Metric}.ci_high", h.Upper, 0, now) }),
        ];
        // Warm the governance cache (checks and profiles keyed by content hash) the copies inherit; no written-sections file yet.
        await Governance.Cards.ModelCardBuilder.BuildAsync(workspace, Core.References.ModelRef.Parse("loans:1"), new Governance.Cards.ModelCardOptions { EnsureWrittenSectionsFile = false }, ct);
        await Governance.Datasheets.DatasheetBuilder.BuildAsync(workspace, Core.References.DatasetRef.Parse("loans:1"), new Governance.Datasheets.DatasheetOptions { EnsureWrittenSectionsFile = false }, ct);
        await Governance.Datasheets.DatasheetBuilder.BuildAsync(workspace, Core.References.DatasetRef.Parse("loans-train:1"), new Governance.Datasheets.DatasheetOptions { EnsureWrittenSectionsFile = false }, ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Trains a small supervised model on loans-train:1 (2 epochs) as a tracked run and registers the next version of <paramref name="name"/>.</summary>
    public static async Task<string> TrainAndRegisterAsync(Workspace workspace, string name, CancellationToken ct, int seed = 0)
    {
        var catalog = new DatasetCatalog(workspace);
        var version = await catalog.GetVersionAsync(new Core.References.DatasetRef("loans-train", 1), ct);
        var table = await catalog.LoadTableAsync(version, ct);
        var options = new TrainingOptions
        {
            Objective = TrainingObjective.Supervised,
            LabelColumn = "Class",
            Epochs = 2,
            EmbeddingDimension = 8,
            HiddenWidth = 16,
            Depth = 2,
            Threads = 1,
            Seed = seed,
        };
        var result = await new TabularTrainer(options).FitAsync(table, null, ct);
        using var model = result.Model;
        var tracking = workspace.Tracking();
        var run = await tracking.CreateRunAsync(new RunStart
        {
            Experiment = "loans-train",
            SourceCommit = "5aecd0f0c0ffee0000000000000000000000beef",
            Params = new Dictionary<string, string> { ["objective"] = "supervised", ["epochs"] = "2", ["seed"] = seed.ToString(CultureInfo.InvariantCulture) },
            Tags = new Dictionary<string, string> { ["kind"] = "train", ["objective"] = "supervised" },
        }, ct);
        await tracking.LogDatasetAsync(run.RunId, new RunDataset("train", version.Name, version.Version, version.ContentHash, "lending_club.csv"), ct);
        await tracking.LogMetricsAsync(run.RunId, result.Epochs.Select(e => new MetricPoint("trainLoss", e.TrainLoss, e.Epoch, DateTimeOffset.UtcNow)).ToList(), ct);
        var package = await workspace.Artifacts.PutAsync(ModelPackage.ToBytes(model, new ModelPackageInfo { Name = name }), ct);
        await tracking.LogArtifactAsync(run.RunId, new RunArtifact("model", package.Hash, package.Size), ct);
        await tracking.EndRunAsync(run.RunId, RunStatus.Finished, ct);
        await workspace.Registry().RegisterAsync(name, run.RunId, "model", ct);
        return run.RunId;
    }

    /// <summary>A private copy of the workspace for one test.</summary>
    public async Task<TestWorkspace> CopyAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "latentops-governance-tests", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(_template, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(_template, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var source = File.OpenRead(file);
            await using var destination = File.Create(target);
            await source.CopyToAsync(destination, TestContext.Current.CancellationToken);
        }

        return new TestWorkspace(folder, Workspace.Open(folder));
    }

    /// <summary>Records an evaluation run of <paramref name="model"/> the way <c>latentops evaluate model</c> does (CONTRACTS.md), with or without the evaluation.json artifact.</summary>
    public async Task<string> AddEvaluationAsync(Workspace workspace, string model, bool withArtifact)
    {
        var ct = TestContext.Current.CancellationToken;
        var tracking = workspace.Tracking();
        var run = await tracking.CreateRunAsync(new RunStart
        {
            Experiment = "evaluation",
            Tags = new Dictionary<string, string> { ["latentops.kind"] = "evaluation", ["latentops.model"] = model, ["latentops.dataset"] = "loans-test:1" },
        }, ct);
        await tracking.LogMetricsAsync(run.RunId, EvaluationMetrics, ct);
        if (withArtifact)
        {
            var json = await workspace.Artifacts.PutAsync(Encoding.UTF8.GetBytes(EvaluationJson), ct);
            await tracking.LogArtifactAsync(run.RunId, new RunArtifact("evaluation.json", json.Hash, json.Size), ct);
        }

        await tracking.EndRunAsync(run.RunId, RunStatus.Finished, ct);
        return run.RunId;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_template, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A private workspace copy; deleted at the end of the test.</summary>
public sealed class TestWorkspace(string folder, Workspace workspace) : IDisposable
{
    public string Folder { get; } = folder;

    public Workspace Workspace { get; } = workspace;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
