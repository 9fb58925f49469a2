using System.Diagnostics;
using LatentOps.Store.Database;
using LatentOps.Store.Stores;
using LatentOps.Store.Tests.Contract;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

namespace LatentOps.Store.Tests.Concurrency;

/// <summary>
/// Real processes against one store: 8 concurrent writers, and writers killed with SIGKILL in the
/// middle of registrations and alias moves. Runs on SQLite always, on PostgreSQL when configured.
/// </summary>
public abstract class ProcessConcurrencyTests(StoreDialect dialect) : IDisposable
{
    private StoreBackend? _backend;

    private StoreBackend Backend => _backend ??= StoreBackend.Create(dialect);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _backend?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task EightWriterProcesses_RegisterAndLogMetrics_NoLostOrDuplicatedVersionsAndNoLockErrors()
    {
        const int Writers = 8, PerWriter = 8;
        var workspace = Backend.Open();
        var runId = await RunWithPackageAsync(workspace);

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => RunWorkerAsync("stress", runId, PerWriter.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, $"a writer exited {r.ExitCode}: {r.Error}"));
        Assert.All(results, r => Assert.DoesNotContain("locked", r.Error, StringComparison.OrdinalIgnoreCase));
        var reported = results.SelectMany(r => r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse).Order().ToList();
        Assert.Equal(Enumerable.Range(1, Writers * PerWriter), reported);
        var details = await workspace.Registry().GetModelAsync("churn", Ct);
        Assert.Equal(Enumerable.Range(1, Writers * PerWriter), details.Versions.Select(v => v.Version).Order());
        Assert.Equal(Writers * PerWriter * 5, (await workspace.Tracking().GetMetricHistoryAsync(runId, "trainLoss", Ct)).Count);
        Assert.True((await workspace.Audit().VerifyAsync(Ct)).Intact);
    }

    [Fact]
    public async Task WriterKilledMidRegisterOrAliasMove_LeavesAConsistentStore()
    {
        var workspace = Backend.Open();
        var runId = await RunWithPackageAsync(workspace);
        var random = new Random(11);
        for (var round = 0; round < 3; round++)
        {
            using var process = StartWorker("churn", runId);
            var lines = 0;
            var target = 4 + random.Next(8);
            while (lines < target && await process.StandardOutput.ReadLineAsync(Ct) is not null)
            {
                lines++;
            }

            Thread.Sleep(random.Next(0, 15));
            process.Kill(entireProcessTree: true); // SIGKILL on Linux: no cleanup runs in the child
            await process.WaitForExitAsync(Ct);
            Assert.True(lines >= target, $"the worker stopped early: {await process.StandardError.ReadToEndAsync(Ct)}");
        }

        await AssertConsistentAsync(workspace);
        var next = await workspace.Registry().RegisterAsync("churn", runId, cancellationToken: Ct);
        Assert.Equal((await workspace.Registry().GetModelAsync("churn", Ct)).Model.LatestVersion, next.Version);
    }

    private async Task AssertConsistentAsync(Workspace workspace)
    {
        var registry = workspace.Registry();
        var details = await registry.GetModelAsync("churn", Ct);
        Assert.Equal(Enumerable.Range(1, details.Model.LatestVersion).Reverse(), details.Versions.Select(v => v.Version));
        Assert.All(details.Versions, v => Assert.Matches("^[0-9a-f]{64}$", v.PackageHash));
        var history = await registry.GetAliasHistoryAsync("churn", "champion", Ct);
        var champion = details.Model.Aliases["champion"];
        Assert.Contains(details.Versions, v => v.Version == champion);
        Assert.Equal(history[^1].ToVersion, champion);
        Assert.All(history.Skip(1).Zip(history), p => Assert.Equal(p.Second.ToVersion, p.First.FromVersion));
        var audit = await workspace.Audit().VerifyAsync(Ct);
        Assert.True(audit.Intact, string.Join("; ", audit.Problems.Select(p => p.Detail)));
        var audited = await workspace.Audit().ListAsync(new Audit.AuditQuery { ActionPrefix = "model.register", Limit = 100_000 }, Ct);
        Assert.Equal(details.Versions.Count, audited.Count);
        if (dialect == StoreDialect.Sqlite)
        {
            using var connection = workspace.Database.OpenConnection();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
        }
    }

    private static async Task<string> RunWithPackageAsync(Workspace workspace)
    {
        var tracking = workspace.Tracking("tester");
        var run = await tracking.CreateRunAsync(new RunStart { Experiment = "churn" }, Ct);
        var package = await workspace.Artifacts.PutAsync("a model package"u8.ToArray(), Ct);
        await tracking.LogArtifactAsync(run.RunId, new RunArtifact("model", package.Hash, package.Size), Ct);
        return run.RunId;
    }

    private Process StartWorker(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LatentOps.Store.TestWorker.dll"));
        start.ArgumentList.Add(args[0]);
        start.ArgumentList.Add(Backend.Root);
        start.ArgumentList.Add(Backend.ConnectionString ?? "-");
        foreach (var arg in args.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunWorkerAsync(params string[] args)
    {
        using var process = StartWorker(args);
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output, await error);
    }
}

[Collection(nameof(ProcessConcurrencyTests))]
public sealed class SqliteProcessConcurrencyTests() : ProcessConcurrencyTests(StoreDialect.Sqlite);

[Collection(nameof(ProcessConcurrencyTests))]
public sealed class PostgresProcessConcurrencyTests() : ProcessConcurrencyTests(StoreDialect.Postgres);
