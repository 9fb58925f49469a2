using System.Globalization;
using System.Text;
using LatentOps.Core.Serialization;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Dashboard;
using LatentOps.Evaluation.Models;
using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.Suite;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Packaging;
using LatentOps.Learning.Training;
using LatentOps.Monitoring.Drift;
using LatentOps.Serving;
using LatentOps.Store.Datasets;
using LatentOps.Store.Keys;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(LatentOps.Dashboard.Tests.DashboardFixture))]

namespace LatentOps.Dashboard.Tests;

/// <summary>
/// One real LatentOps server (Kestrel on 127.0.0.1, random port, dashboard mapped as in
/// <c>latentops serve</c>) over a real workspace, and one headless Debian Chromium driven by
/// Playwright, shared by every browser test. The workspace holds the dataset <c>loans</c> (600 rows
/// of the shipped lending_club sample), model <c>loans</c> versions 1 and 2 (real TorchSharp training,
/// 2 epochs), <c>champion</c> moved 1 then 2, a real evaluation of version 2 (predictions evaluated
/// with the Evaluation library, recorded as CONTRACTS.md says), three monitoring runs with drift
/// measured by the Monitoring library on real windows (one of them selected to be shifted), and two
/// <c>monitor.decision</c> audit events.
/// Without <c>LATENTOPS_TEST_CHROMIUM</c> (set by .ci/run) nothing starts and the tests skip.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "LATENTOPS_TEST_CHROMIUM";

    private IPlaywright? _playwright;
    private WebApplication? _app;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "latentops-dashboard-tests", Guid.NewGuid().ToString("N"));

    public string? Chromium { get; } = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : null;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public string AdminKey { get; private set; } = string.Empty;

    public string ReadKey { get; private set; } = string.Empty;

    public Workspace Workspace { get; private set; } = null!;

    /// <summary>
    /// Where screenshots go: <c>LATENTOPS_TEST_SCREENSHOTS</c> when set, else TestResults/screenshots under the
    /// <c>--results-directory</c> given to the test executable, else under the test output folder.
    /// </summary>
    public string ScreenshotFolder { get; } = ResolveScreenshotFolder();

    /// <summary>Skips the calling test when Chromium is not configured.</summary>
    public void RequireBrowser() =>
        Assert.SkipWhen(Chromium is null, $"Browser tests need Chromium: set {ChromiumVariable}=/usr/bin/chromium (.ci/run does; apt-get install chromium).");

    public async ValueTask InitializeAsync()
    {
        if (Chromium is null)
        {
            return;
        }

        Workspace = Workspace.Open(Folder);
        await SeedAsync(Workspace);
        var keys = new ApiKeyStore(Workspace.Database);
        AdminKey = (await keys.CreateAsync(ApiKeyScope.Admin, "browser-admin", "tests")).Token;
        ReadKey = (await keys.CreateAsync(ApiKeyScope.Read, "browser-reader", "tests")).Token;

        _app = LatentOpsServer.Build(new ServerOptions { Urls = "http://127.0.0.1:0" }, Workspace, logging => logging.ClearProviders());
        _app.MapDashboard();
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with one page, signed in with <paramref name="key"/> through the sign-in form when given.</summary>
    public async Task<IPage> NewPageAsync(string? key)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        // Generous: on a loaded 2-core CI machine a sales analysis in another test can hold both cores.
        context.SetDefaultTimeout(45_000);
        var page = await context.NewPageAsync();
        if (key is not null)
        {
            await page.GotoAsync("/signin");
            await page.GetByLabel("API key").FillAsync(key);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(BaseUrl.TrimEnd('/') + "/");
        }

        return page;
    }

    /// <summary>Saves a full-page screenshot as a test artifact and says where it is.</summary>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name + ".png", bytes, "image/png");
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string ResolveScreenshotFolder()
    {
        if (Environment.GetEnvironmentVariable("LATENTOPS_TEST_SCREENSHOTS") is { Length: > 0 } chosen)
        {
            return Path.GetFullPath(chosen);
        }

        var args = Environment.GetCommandLineArgs();
        var index = Array.IndexOf(args, "--results-directory");
        var results = index >= 0 && index + 1 < args.Length ? args[index + 1] : Path.Combine(AppContext.BaseDirectory, "TestResults");
        return Path.GetFullPath(Path.Combine(results, "screenshots"));
    }

    private static async Task SeedAsync(Workspace workspace)
    {
        var csv = Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv");
        var rows = (await TableReader.ReadAsync(csv)).Take([.. Enumerable.Range(0, 600)]);
        var catalog = new DatasetCatalog(workspace);
        var info = new FileInfo(csv);
        var dataset = (await catalog.AddVersionAsync("loans", rows, new DatasetRoles(Label: "Class"),
            DatasetProvenance.Ingested(new DatasetSource("lending_club.csv", csv, info.Length, "sample", "csv")))).Version;

        var registry = workspace.Registry("tests");
        TabularEncoderModel? latest = null;
        foreach (var seed in new[] { 1, 2 })
        {
            latest?.Dispose();
            latest = await RegisterAsync(workspace, rows, dataset, seed);
        }

        await registry.SetAliasAsync("loans", "champion", 1);
        await registry.SetAliasAsync("loans", "champion", 2);
        using (latest)
        {
            await EvaluateAsync(workspace, latest!, rows.Take([.. Enumerable.Range(400, 200)]), dataset);
            await MonitorAsync(workspace, latest!, rows);
        }

        var audit = workspace.Audit();
        await audit.AppendAsync("monitor", "monitor.decision", "loans:2", new Dictionary<string, string>
        {
            ["policy"] = "drift", ["decision"] = "none", ["reason"] = "no column drifted", ["model"] = "loans:2",
        });
        await audit.AppendAsync("monitor", "monitor.decision", "loans:2", new Dictionary<string, string>
        {
            ["policy"] = "drift", ["decision"] = "retrain", ["reason"] = "estimated accuracy fell below the policy floor", ["model"] = "loans:2",
        });
    }

    private static async Task<TabularEncoderModel> RegisterAsync(Workspace workspace, Table rows, DatasetVersion dataset, int seed)
    {
        var result = new TabularTrainer(new TrainingOptions
        {
            Objective = TrainingObjective.Supervised,
            LabelColumn = "Class",
            Epochs = 2,
            BatchSize = 128,
            Depth = 2,
            HiddenWidth = 32,
            EmbeddingDimension = 8,
            Seed = seed,
            Threads = 1,
        }).Fit(rows.Take([.. Enumerable.Range(0, 400)]));
        var package = await workspace.Artifacts.PutAsync(ModelPackage.ToBytes(result.Model));
        var tracking = workspace.Tracking("tests");
        var run = await tracking.CreateRunAsync(new RunStart
        {
            Experiment = "loans",
            Name = $"train seed {seed}",
            Params = new Dictionary<string, string> { ["seed"] = seed.ToString(CultureInfo.InvariantCulture), ["epochs"] = "2", ["objective"] = "supervised" },
        });
        await tracking.LogDatasetAsync(run.RunId, new RunDataset("train", dataset.Name, dataset.Version, dataset.ContentHash));
        foreach (var (epoch, loss) in result.Epochs.Select(e => (e.Epoch, e.TrainLoss)))
        {
            await tracking.LogMetricAsync(run.RunId, "trainLoss", loss, epoch);
        }

        await tracking.LogArtifactAsync(run.RunId, new RunArtifact("model", package.Hash, package.Size));
        await tracking.EndRunAsync(run.RunId, RunStatus.Finished);
        await workspace.Registry("tests").RegisterAsync("loans", run.RunId);
        return result.Model;
    }

    private static async Task EvaluateAsync(Workspace workspace, TabularEncoderModel model, Table test, DatasetVersion dataset)
    {
        var classes = model.Classes!;
        var labels = Labels(test, classes);
        var probabilities = model.PredictProbabilities(test.Drop(["Class"])).Select(p => (double)p).ToArray();
        var set = ProbeSuite.ToPredictionSet(probabilities, labels, classes);
        var evaluation = EvaluationSuite.Run(set, [test["term"], test["verification_status"]]);
        var tracking = workspace.Tracking("tests");
        var run = await tracking.CreateRunAsync(new RunStart
        {
            Experiment = "evaluation",
            Name = "evaluate loans:2",
            Tags = new Dictionary<string, string> { ["latentops.kind"] = "evaluation", ["latentops.model"] = "loans:2", ["latentops.dataset"] = dataset.Ref.ToString() },
        });
        var now = DateTimeOffset.UtcNow;
        var points = evaluation.Metrics.Select(m => new MetricPoint(m.Key, m.Value, 0, now)).ToList();
        points.AddRange(evaluation.Headline.SelectMany(h => new[] { new MetricPoint($"{h.Metric}.ci_low", h.Lower, 0, now), new MetricPoint($"{h.Metric}.ci_high", h.Upper, 0, now) }));
        await tracking.LogMetricsAsync(run.RunId, points);
        var json = await workspace.Artifacts.PutAsync(Encoding.UTF8.GetBytes(LatentOpsJson.Serialize(new ModelEvaluationResult(evaluation, [], null, null, null))));
        await tracking.LogArtifactAsync(run.RunId, new RunArtifact("evaluation.json", json.Hash, json.Size));
        await tracking.EndRunAsync(run.RunId, RunStatus.Finished);
    }

    private static async Task MonitorAsync(Workspace workspace, TabularEncoderModel model, Table rows)
    {
        var reference = rows.Take([.. Enumerable.Range(0, 300)]).Drop(["Class"]);
        var recent = rows.Take([.. Enumerable.Range(300, 300)]);
        var rates = Enumerable.Range(0, recent.RowCount).Select(i => Convert.ToDouble(recent["int_rate"].GetValue(i), CultureInfo.InvariantCulture)).ToArray();
        // Three windows: two ordinary ones, then the 150 highest-interest loans (a real, selected shift).
        var windows = new[]
        {
            recent.Take([.. Enumerable.Range(0, 150)]),
            recent.Take([.. Enumerable.Range(150, 150)]),
            recent.Take([.. Enumerable.Range(0, recent.RowCount).OrderByDescending(i => rates[i]).Take(150)]),
        };
        var tracking = workspace.Tracking("tests");
        var detector = new DatasetDriftDetector();
        foreach (var (window, index) in windows.Select((w, i) => (w, i)))
        {
            var features = window.Drop(["Class"]);
            var drift = detector.Run(reference, features);
            var probabilities = model.PredictProbabilities(features);
            var classes = model.Classes!.Count;
            // Confidence-based performance estimation: the expected accuracy is the mean top-class probability.
            var estimated = Enumerable.Range(0, window.RowCount).Average(r => Enumerable.Range(0, classes).Max(c => (double)probabilities[(r * classes) + c]));
            var run = await tracking.CreateRunAsync(new RunStart
            {
                Experiment = "monitoring",
                Name = $"monitor loans:2 window {index + 1}",
                Tags = new Dictionary<string, string> { ["latentops.kind"] = "monitoring", ["latentops.model"] = "loans:2" },
            });
            await tracking.LogMetricsAsync(run.RunId,
            [
                new MetricPoint("drift.share", drift.DriftedShare, 0, DateTimeOffset.UtcNow),
                new MetricPoint("estimated.accuracy", estimated, 0, DateTimeOffset.UtcNow),
            ]);
            var json = await workspace.Artifacts.PutAsync(Encoding.UTF8.GetBytes(LatentOpsJson.Serialize(drift)));
            await tracking.LogArtifactAsync(run.RunId, new RunArtifact("drift.json", json.Hash, json.Size));
            await tracking.EndRunAsync(run.RunId, RunStatus.Finished);
            await Task.Delay(20); // distinct start times, so the timeline has an order
        }
    }

    private static int[] Labels(Table table, IReadOnlyList<string> classes)
    {
        var column = table["Class"];
        return [.. Enumerable.Range(0, table.RowCount).Select(i => classes.ToList().IndexOf(Convert.ToString(column.GetValue(i), CultureInfo.InvariantCulture)!))];
    }
}
