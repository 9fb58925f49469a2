using BenchmarkDotNet.Attributes;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

namespace LatentOps.Benchmarks.Store;

/// <summary>
/// log_metric throughput on each backend: one point per call (one transaction each, the
/// baseline), and a batch of 100 points per call (one transaction). PostgreSQL runs when
/// LATENTOPS_TEST_POSTGRES (or LATENTOPS_STORE) names a server; each run uses a fresh schema.
/// Run: dotnet run -c Release --project bench/LatentOps.Benchmarks -- --filter '*LogMetric*' --job short
/// </summary>
public class LogMetricBenchmark
{
    private const int Batch = 100;
    private string _folder = null!;
    private string? _schema;
    private ITrackingStore _tracking = null!;
    private string _runId = null!;
    private long _step;

    /// <summary>The backend.</summary>
    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "sqlite";

    /// <summary>SQLite always, PostgreSQL when a server is configured.</summary>
    public static IEnumerable<string> Backends() =>
        PostgresConnection() is null ? ["sqlite"] : ["sqlite", "postgres"];

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "latentops-bench", Guid.NewGuid().ToString("N"));
        string? store = null;
        if (Backend == "postgres")
        {
            _schema = "bench_" + Guid.NewGuid().ToString("N");
            using var connection = new Npgsql.NpgsqlConnection(PostgresConnection());
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
            command.ExecuteNonQuery();
            store = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnection()) { SearchPath = _schema }.ConnectionString;
        }

        _tracking = Workspace.Open(_folder, store).Tracking("bench");
        _runId = _tracking.CreateRunAsync(new RunStart()).GetAwaiter().GetResult().RunId;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_schema is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var connection = new Npgsql.NpgsqlConnection(PostgresConnection());
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", connection);
            command.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One metric point, one transaction.</summary>
    [Benchmark(Baseline = true)]
    public Task LogOneMetric() => _tracking.LogMetricAsync(_runId, "trainLoss", 0.5, _step++);

    /// <summary>100 metric points in one call (one transaction); divide the time by 100 for the cost per point.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task LogMetricBatchOf100()
    {
        var now = DateTimeOffset.UtcNow;
        var points = new MetricPoint[Batch];
        for (var i = 0; i < Batch; i++)
        {
            points[i] = new MetricPoint("trainLoss", 0.5, _step++, now);
        }

        return _tracking.LogMetricsAsync(_runId, points);
    }

    private static string? PostgresConnection() =>
        Environment.GetEnvironmentVariable("LATENTOPS_TEST_POSTGRES") is { Length: > 0 } test ? test
        : Environment.GetEnvironmentVariable("LATENTOPS_STORE") is { Length: > 0 } store ? store : null;
}
