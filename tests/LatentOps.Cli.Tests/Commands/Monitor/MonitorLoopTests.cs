using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LatentOps.Serving;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LatentOps.Cli.Tests.Commands.Monitor;

/// <summary>
/// The closed loop end to end on the shipped lending_club sample (the same file as
/// /work/shared/datasets/tabular/lending_club.csv): a champion trained on a split of early rows and
/// evaluated on its test part serves (real server, real request log) a shifted subset (grades D to G,
/// later rows); the drifted window makes 'monitor run' retrain on the champion's data + the new data,
/// evaluate both on held-out new rows with every metric, and put the candidate through the registry
/// gates: a strict gate refuses it with the reason, relaxed gates promote the next candidate; feedback
/// labels that show a drop for the new champion make it roll back; re-runs do nothing new; the audit
/// log shows each step and its chain verifies.
/// </summary>
public sealed class MonitorLoopTests : IDisposable
{
    private const string Policy = """
        model: loans
        data: loans-new
        window: "20"
        rules:
          datasetDrift: true
          embeddingDriftPValue: 0.01
          minimumNewRows: 100
        promotion:
          metric: rocAucScore
          minimumImprovement: -0.05
        rollback:
          realisedAccuracyDrop: 0.05
          minimumLabelledRows: 100
        """;

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string WorkspaceRoot => Path.Combine(_cli.Folder, ".latentops");

    /// <summary>Writes header + the sample's data lines that pass <paramref name="keep"/> (line index from 0, sub_grade).</summary>
    private string WriteCsv(string name, Func<int, string, bool> keep)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv"));
        var kept = lines.Skip(1).Where((line, i) => keep(i, line.Split(',')[3].Trim('"'))).Prepend(lines[0]);
        var path = Path.Combine(_cli.Folder, name);
        File.WriteAllLines(path, kept);
        return path;
    }

    private static List<Dictionary<string, object?>> Rows(string csv)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        return [.. lines.Skip(1).Select(line =>
        {
            var fields = line.Split(',');
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var c = 0; c < header.Length; c++)
            {
                row[header[c]] = fields[c].StartsWith('"') ? fields[c].Trim('"')
                    : fields[c].Length == 0 ? null
                    : double.Parse(fields[c], CultureInfo.InvariantCulture);
            }

            return row;
        })];
    }

    /// <summary>Serves the workspace on a real Kestrel, posts the rows as predict requests of <paramref name="size"/> rows, and sends feedback chosen by <paramref name="label"/>.</summary>
    private async Task ServeAsync(List<Dictionary<string, object?>> rows, int size, Func<int, string, string, string> label)
    {
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", RequireAuth = false, AliasRefreshInterval = TimeSpan.Zero };
        await using var app = LatentOpsServer.Build(options, Workspace.Open(WorkspaceRoot), logging => logging.ClearProviders());
        await app.StartAsync(Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var index = 0;
        foreach (var chunk in rows.Chunk(size))
        {
            var body = JsonSerializer.Serialize(new { rows = chunk.Select(r => r.Where(kv => kv.Key != "Class").ToDictionary()) });
            var response = await client.PostAsync("/v1/models/loans@champion/predict", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            var labels = answer.GetProperty("predictions").EnumerateArray().Select((p, i) => new
            {
                predictionId = p.GetProperty("predictionId").GetString(),
                label = label(index + i, (string)chunk[i]["Class"]!, p.GetProperty("label").GetString()!),
            }).ToList();
            index += chunk.Length;
            var feedback = await client.PostAsync("/v1/feedback", new StringContent(JsonSerializer.Serialize(new { labels }), Encoding.UTF8, "application/json"), Ct);
            feedback.EnsureSuccessStatusCode();
        }

        await app.StopAsync(Ct);
    }

    private async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var result = await _cli.RunAsync([.. args, "--json"]);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        using var document = JsonDocument.Parse(result.Out);
        return document.RootElement.Clone();
    }

    private Task WriteGatesAsync(string gates) =>
        File.WriteAllTextAsync(Path.Combine(WorkspaceRoot, "config.json"), "{\"registry\": {\"gates\": " + gates + "}}", Ct);

    private static string Action(JsonElement result) => result.GetProperty("decision").GetProperty("action").GetString()!.ToLowerInvariant();

    [Fact]
    public async Task MonitorRun_DriftedWindowThenDegradedChampion_RetrainsGatesPromotesThenRollsBackAndAuditShowsEachStep()
    {
        var early = WriteCsv("loans-early.csv", (i, _) => i < 1500);
        var firstNew = WriteCsv("loans-new.csv", (i, grade) => i is >= 1500 and < 6000 && grade[0] is 'D' or 'E' or 'F' or 'G');
        await RunJsonAsync("data", "ingest", early, "--name", "loans", "--label", "Class");
        await RunJsonAsync("data", "split", "loans", "--by", "stratified", "--column", "Class", "--test", "0.2", "--seed", "1");
        await RunJsonAsync("data", "ingest", firstNew, "--name", "loans-new", "--label", "Class");
        var trained = await RunJsonAsync("train", "loans-train", "--objective", "supervised", "--label", "Class", "--epochs", "3", "--dim", "8", "--hidden", "32", "--depth", "2");
        await RunJsonAsync("models", "register", trained.GetProperty("runId").GetString()!, "--name", "loans");
        await RunJsonAsync("models", "promote", "loans", "1");
        await RunJsonAsync("evaluate", "model", "loans:1", "--data", "loans-test", "--no-robustness", "--epsilons", "none", "--bootstrap", "50", "--probe-rows", "300");
        var loansTrainRows = (await RunJsonAsync("data", "show", "loans-train")).ToString();
        var policy = Path.Combine(_cli.Folder, "policy.yaml");
        await File.WriteAllTextAsync(policy, Policy, Ct);

        // Live traffic from the shifted population, answered by version 1, with true labels as feedback.
        var live = Rows(WriteCsv("loans-live.csv", (i, grade) => i >= 1500 && grade[0] is 'D' or 'E' or 'F' or 'G'));
        await ServeAsync(live.Take(600).ToList(), 30, (_, truth, _) => truth);
        var drift = await RunJsonAsync("monitor", "drift", "--model", "loans@champion", "--window", "20", "--report", "drift.html");

        Assert.True(drift.GetProperty("features").GetProperty("datasetDrift").GetBoolean() || drift.GetProperty("embedding").GetProperty("test").GetProperty("drifted").GetBoolean());
        Assert.Equal(600, drift.GetProperty("currentRows").GetInt32());
        Assert.Equal(600, drift.GetProperty("labelledRows").GetInt32());
        Assert.StartsWith("held-out: evaluation run", drift.GetProperty("referenceAccuracySource").GetString(), StringComparison.Ordinal);
        Assert.Contains("loans-test:1", drift.GetProperty("referenceAccuracySource").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_cli.Folder, "drift.html")));

        // A gate no candidate can pass: the loop retrains on old + new data, compares on held-out new rows, and the registry refuses with the reason.
        await WriteGatesAsync("""[{"metric": "rocAucScore", "min": 0.999}]""");
        var refused = await RunJsonAsync("monitor", "run", "--policy", policy, "--once");
        Assert.Equal("retrain", Action(refused));
        Assert.False(refused.GetProperty("promoted").GetBoolean(), refused.ToString());
        Assert.Equal(1, refused.GetProperty("aliasVersion").GetInt32());
        var candidate = refused.GetProperty("candidate");
        Assert.Equal(2, candidate.GetProperty("version").GetInt32());
        Assert.Equal("combined", candidate.GetProperty("trainingDataChoice").GetString());
        Assert.Equal("loans-new-combined:1", candidate.GetProperty("trainingData").GetString());
        Assert.Equal("loans-new-holdout:1", candidate.GetProperty("holdoutData").GetString());
        var newRows = (await RunJsonAsync("data", "show", "loans-new-train")).GetProperty("version").GetProperty("rowCount").GetInt32();
        var oldRows = JsonDocument.Parse(loansTrainRows).RootElement.GetProperty("version").GetProperty("rowCount").GetInt32();
        Assert.Equal(oldRows + newRows, candidate.GetProperty("trainingRows").GetInt32());
        foreach (var metric in new[] { "rocAucScore", "f1Score", "accuracyScore", "expectedCalibrationError", "logLoss" })
        {
            Assert.True(candidate.GetProperty("candidateMetrics").TryGetProperty(metric, out _), metric);
            Assert.True(candidate.GetProperty("championMetrics").TryGetProperty(metric, out _), metric);
        }

        Assert.Contains(refused.GetProperty("steps").EnumerateArray(), s => s.GetString()!.Contains("The registry refused to promote version 2: gates failed: rocAucScore >= 0.999", StringComparison.Ordinal));

        // Relaxed gates and a newer version of the new data: the next candidate is promoted.
        await WriteGatesAsync("""[{"metric": "accuracyScore", "vsChampion": true, "tolerance": 0.05}, {"metric": "expectedCalibrationError", "max": 0.3}]""");
        await RunJsonAsync("data", "ingest", WriteCsv("loans-new-2.csv", (i, grade) => i >= 1500 && grade[0] is 'D' or 'E' or 'F' or 'G'), "--name", "loans-new", "--label", "Class");
        var retrain = await RunJsonAsync("monitor", "run", "--policy", policy, "--once");
        var again = await RunJsonAsync("monitor", "run", "--policy", policy, "--once");

        Assert.Equal("retrain", Action(retrain));
        Assert.True(retrain.GetProperty("promoted").GetBoolean(), retrain.ToString());
        Assert.Equal(3, retrain.GetProperty("aliasVersion").GetInt32());
        Assert.Equal("loans-new-holdout:2", retrain.GetProperty("candidate").GetProperty("holdoutData").GetString());
        Assert.All(retrain.GetProperty("gates").EnumerateArray(), g => Assert.True(g.GetProperty("passed").GetBoolean()));
        Assert.Equal("keep", Action(again));
        Assert.Equal(3, again.GetProperty("aliasVersion").GetInt32());

        // The new champion serves; feedback shows it wrong on half the rows: a drop against version 1's realised accuracy.
        await ServeAsync(live.Skip(600).Take(300).ToList(), 30, (i, truth, predicted) => i % 2 == 0 ? (predicted == "good" ? "bad" : "good") : truth);
        var rollback = await RunJsonAsync("monitor", "run", "--policy", policy, "--once");
        var afterRollback = await RunJsonAsync("monitor", "run", "--policy", policy, "--once");
        var shown = await RunJsonAsync("models", "show", "loans");
        var verify = await _cli.RunAsync("audit", "verify");
        var audit = await _cli.RunAsync("audit", "list", "--limit", "1000", "--json");

        Assert.Equal("rollback", Action(rollback));
        Assert.Equal(1, rollback.GetProperty("rolledBackTo").GetInt32());
        Assert.Equal(1, rollback.GetProperty("aliasVersion").GetInt32());
        Assert.NotEqual("rollback", Action(afterRollback));
        Assert.Equal(1, afterRollback.GetProperty("aliasVersion").GetInt32());
        Assert.Contains("\"champion\"", shown.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);

        // The audit log, oldest first: each step of the loop with its reason and figures.
        var entries = JsonDocument.Parse(audit.Out).RootElement.GetProperty("entries").EnumerateArray().Reverse().ToList();
        var actions = entries.Select(e => e.GetProperty("action").GetString()!).Where(a => a.StartsWith("monitor.", StringComparison.Ordinal) || a.StartsWith("model.promote", StringComparison.Ordinal) || a == "model.rollback").ToList();
        Assert.True(actions.Count >= 12, string.Join(", ", actions));
        Assert.Equal(
            ["monitor.retrain", "model.promote.refused", "monitor.keep", "monitor.decision", "monitor.retrain", "model.promote", "monitor.promote", "monitor.decision", "monitor.decision", "model.rollback", "monitor.rollback", "monitor.decision"],
            actions.SkipWhile(a => a != "monitor.retrain").Take(12).ToList());
        var decisions = entries.Where(e => e.GetProperty("action").GetString() == "monitor.decision").Select(e => e.GetProperty("details")).ToList();
        var keptDecision = decisions.Single(d => d.GetProperty("outcome").GetString() == "kept the champion; candidate version 2 not promoted");
        Assert.Contains("FAIL rocAucScore >= 0.999", keptDecision.GetProperty("gates").GetString(), StringComparison.Ordinal);
        var promotedDecision = decisions.Single(d => d.GetProperty("outcome").GetString() == "promoted version 3");
        foreach (var key in new[] { "candidate.rocAucScore", "champion.rocAucScore", "candidate.expectedCalibrationError", "champion.expectedCalibrationError", "candidate.f1Score", "champion.accuracyScore" })
        {
            Assert.True(promotedDecision.TryGetProperty(key, out _), key);
        }

        Assert.Equal("loans-new-combined:2", promotedDecision.GetProperty("trainingData").GetString());
        Assert.Contains(decisions, d => d.GetProperty("outcome").GetString() == "rolled back to version 1");
    }

    [Fact]
    public async Task MonitorRun_TrainingDataCurrent_CandidateTrainsOnTheNewRowsOnly()
    {
        var early = WriteCsv("loans-early.csv", (i, _) => i < 400);
        await RunJsonAsync("data", "ingest", early, "--name", "loans", "--label", "Class");
        await RunJsonAsync("data", "ingest", WriteCsv("loans-new.csv", (i, _) => i is >= 400 and < 700), "--name", "loans-new", "--label", "Class");
        var trained = await RunJsonAsync("train", "loans", "--objective", "supervised", "--label", "Class", "--epochs", "1", "--dim", "4", "--hidden", "16", "--depth", "1");
        await RunJsonAsync("models", "register", trained.GetProperty("runId").GetString()!, "--name", "loans");
        await RunJsonAsync("models", "promote", "loans", "1");
        var policy = Path.Combine(_cli.Folder, "policy.yaml");
        await File.WriteAllTextAsync(policy, "model: loans\ndata: loans-new\ntrainingData: current\nrules:\n  schedule: 1s\n", Ct);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);

        var run = await RunJsonAsync("monitor", "run", "--policy", policy, "--once");
        var newTrain = (await RunJsonAsync("data", "show", "loans-new-train")).GetProperty("version");
        var newHoldout = (await RunJsonAsync("data", "show", "loans-new-holdout")).GetProperty("version");
        var lineage = await RunJsonAsync("models", "lineage", "loans:2");
        var datasets = (await RunJsonAsync("data", "list")).ToString();

        // The decision and the candidate name the new data's 80% split, and its row count only.
        Assert.Equal("retrain", Action(run));
        var candidate = run.GetProperty("candidate");
        Assert.Equal(2, candidate.GetProperty("version").GetInt32());
        Assert.Equal("current", candidate.GetProperty("trainingDataChoice").GetString());
        Assert.Equal("loans-new-train:1", candidate.GetProperty("trainingData").GetString());
        var trainRows = newTrain.GetProperty("rowCount").GetInt32();
        Assert.Equal(300, trainRows + newHoldout.GetProperty("rowCount").GetInt32());
        Assert.Equal(trainRows, candidate.GetProperty("trainingRows").GetInt32());
        Assert.InRange(trainRows, 230, 250);

        // The candidate's training run recorded that dataset version (same content hash) as its only training data,
        // and no combined dataset with the champion's 400 rows was made.
        var train = Assert.Single(lineage.GetProperty("datasets").EnumerateArray(), d => d.GetProperty("role").GetString() == "train");
        Assert.Equal("loans-new-train", train.GetProperty("name").GetString());
        Assert.Equal(1, train.GetProperty("version").GetInt32());
        Assert.Equal(newTrain.GetProperty("contentHash").GetString(), train.GetProperty("contentHash").GetString());
        Assert.DoesNotContain("combined", datasets, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitorRun_DryRun_PrintsDecisionAndChangesNothing()
    {
        var early = WriteCsv("loans-early.csv", (i, _) => i < 400);
        await RunJsonAsync("data", "ingest", early, "--name", "loans", "--label", "Class");
        await RunJsonAsync("data", "ingest", WriteCsv("loans-new.csv", (i, _) => i is >= 400 and < 700), "--name", "loans-new", "--label", "Class");
        var trained = await RunJsonAsync("train", "loans", "--objective", "supervised", "--label", "Class", "--epochs", "1", "--dim", "4", "--hidden", "16", "--depth", "1");
        await RunJsonAsync("models", "register", trained.GetProperty("runId").GetString()!, "--name", "loans");
        await RunJsonAsync("models", "promote", "loans", "1");
        var policy = Path.Combine(_cli.Folder, "policy.yaml");
        await File.WriteAllTextAsync(policy, "model: loans\ndata: loans-new\nrules:\n  schedule: 1s\n", Ct);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        var auditBefore = await _cli.RunAsync("audit", "list", "--limit", "1000", "--json");
        var datasetsBefore = (await RunJsonAsync("data", "list")).ToString();

        var text = await _cli.RunAsync("monitor", "run", "--policy", policy, "--dry-run");
        var json = await RunJsonAsync("monitor", "run", "--policy", policy, "--dry-run");
        var shown = await RunJsonAsync("models", "show", "loans");
        var auditAfter = await _cli.RunAsync("audit", "list", "--limit", "1000", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("loans@champion: champion version 1; decision retrain (dry run)", text.Out, StringComparison.Ordinal);
        Assert.Contains("FIRED rules.schedule", text.Out, StringComparison.Ordinal);
        Assert.Contains("loans@champion now serves version 1.", text.Out, StringComparison.Ordinal);
        Assert.Equal("retrain", Action(json));
        Assert.False(json.GetProperty("executed").GetBoolean());
        Assert.True(!json.TryGetProperty("candidate", out var candidate) || candidate.ValueKind == JsonValueKind.Null, json.ToString());
        Assert.Equal(1, json.GetProperty("aliasVersion").GetInt32());
        Assert.Single(shown.GetProperty("versions").EnumerateArray());
        Assert.Equal(datasetsBefore, (await RunJsonAsync("data", "list")).ToString());
        Assert.Equal(auditBefore.Out, auditAfter.Out);
        Assert.DoesNotContain("monitor.", auditAfter.Out, StringComparison.Ordinal);
    }
}
