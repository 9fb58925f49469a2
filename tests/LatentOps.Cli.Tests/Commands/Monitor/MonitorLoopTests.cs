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
/// The closed loop end to end on the shipped lending_club sample: a champion trained on early rows
/// serves (real server, real request log) a shifted subset (grades D to G, later rows); the drifted
/// window makes 'monitor run' retrain on the new data, gate and promote; feedback labels that show a
/// drop for the new champion make it roll back; re-runs do nothing new; the audit chain verifies.
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
          minimumImprovement: -0.02
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

    [Fact]
    public async Task MonitorRun_DriftedWindowThenDegradedChampion_RetrainsPromotesThenRollsBackAndAuditVerifies()
    {
        var early = WriteCsv("loans-early.csv", (i, _) => i < 1500);
        var shifted = WriteCsv("loans-new.csv", (i, grade) => i >= 1500 && grade[0] is 'D' or 'E' or 'F' or 'G');
        await RunJsonAsync("data", "ingest", early, "--name", "loans", "--label", "Class");
        await RunJsonAsync("data", "ingest", shifted, "--name", "loans-new", "--label", "Class");
        var trained = await RunJsonAsync("train", "loans", "--objective", "supervised", "--label", "Class", "--epochs", "3", "--dim", "8", "--hidden", "32", "--depth", "2");
        await RunJsonAsync("models", "register", trained.GetProperty("runId").GetString()!, "--name", "loans");
        await RunJsonAsync("models", "promote", "loans", "1");
        var policy = Path.Combine(_cli.Folder, "policy.yaml");
        await File.WriteAllTextAsync(policy, Policy, Ct);

        // Live traffic from the shifted population, answered by version 1, with true labels as feedback.
        var live = Rows(shifted);
        await ServeAsync(live.Take(600).ToList(), 30, (_, truth, _) => truth);
        var drift = await RunJsonAsync("monitor", "drift", "--model", "loans@champion", "--window", "20", "--report", "drift.html");
        var retrain = await RunJsonAsync("monitor", "run", "--policy", policy, "--once");
        var again = await RunJsonAsync("monitor", "run", "--policy", policy, "--once");

        Assert.True(drift.GetProperty("features").GetProperty("datasetDrift").GetBoolean() || drift.GetProperty("embedding").GetProperty("test").GetProperty("drifted").GetBoolean());
        Assert.Equal(600, drift.GetProperty("currentRows").GetInt32());
        Assert.Equal(600, drift.GetProperty("labelledRows").GetInt32());
        Assert.True(File.Exists(Path.Combine(_cli.Folder, "drift.html")));
        Assert.Equal("retrain", retrain.GetProperty("decision").GetProperty("action").GetString()!.ToLowerInvariant());
        Assert.True(retrain.GetProperty("promoted").GetBoolean(), retrain.ToString());
        Assert.Equal(2, retrain.GetProperty("aliasVersion").GetInt32());
        Assert.Equal("keep", again.GetProperty("decision").GetProperty("action").GetString()!.ToLowerInvariant());
        Assert.Equal(2, again.GetProperty("aliasVersion").GetInt32());

        // The new champion serves; feedback shows it wrong on half the rows: a drop against version 1's realised accuracy.
        await ServeAsync(live.Skip(600).Take(300).ToList(), 30, (i, truth, predicted) => i % 2 == 0 ? (predicted == "good" ? "bad" : "good") : truth);
        var rollback = await RunJsonAsync("monitor", "run", "--policy", policy, "--once");
        var afterRollback = await RunJsonAsync("monitor", "run", "--policy", policy, "--once");
        var shown = await RunJsonAsync("models", "show", "loans");
        var verify = await _cli.RunAsync("audit", "verify");
        var audit = await _cli.RunAsync("audit", "list", "--json");

        Assert.Equal("rollback", rollback.GetProperty("decision").GetProperty("action").GetString()!.ToLowerInvariant());
        Assert.Equal(1, rollback.GetProperty("rolledBackTo").GetInt32());
        Assert.Equal(1, rollback.GetProperty("aliasVersion").GetInt32());
        Assert.NotEqual("rollback", afterRollback.GetProperty("decision").GetProperty("action").GetString()!.ToLowerInvariant());
        Assert.Equal(1, afterRollback.GetProperty("aliasVersion").GetInt32());
        Assert.Contains("\"champion\"", shown.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        var decisions = JsonDocument.Parse(audit.Out).RootElement.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "monitor.decision").ToList();
        Assert.True(decisions.Count >= 4, audit.Out);
        Assert.Contains(decisions, d => d.GetProperty("details").GetProperty("outcome").GetString() == "promoted version 2");
        Assert.Contains(decisions, d => d.GetProperty("details").GetProperty("outcome").GetString() == "rolled back to version 1");
    }
}
