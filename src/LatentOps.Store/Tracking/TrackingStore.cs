using System.Data.Common;
using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Store.Audit;
using LatentOps.Store.Database;

namespace LatentOps.Store.Tracking;

/// <summary>The tracking store on the metadata database, in portable SQL (SQLite and PostgreSQL).</summary>
internal sealed class TrackingStore(IMetadataDatabase database, string actor) : ITrackingStore
{
    private const int MaxKeyLength = 250;
    private const int MaxValueLength = 8000;

    public Task<Experiment> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default)
    {
        Names.Validate(name, "experiment");
        return StoreSql.WriteAsync(database, (connection, transaction) => GetOrCreateExperimentAsync(connection, transaction, name, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<Experiment>> ListExperimentsAsync(CancellationToken cancellationToken = default) =>
        StoreSql.ReadAsync<IReadOnlyList<Experiment>>(database, async connection => await StoreSql.QueryAsync(
            connection, null, "SELECT experiment_id, name, created_at FROM experiments ORDER BY name",
            r => new Experiment(StoreSql.Long(r, 0), r.GetString(1), StoreTime.Parse(r.GetString(2))), cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<RunInfo> CreateRunAsync(RunStart start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        Names.Validate(start.Experiment, "experiment");
        ValidatePairs(start.Params, "parameter");
        ValidatePairs(start.Tags, "tag");
        var runId = Guid.NewGuid().ToString("N");
        var name = string.IsNullOrWhiteSpace(start.Name) ? $"run-{runId[..8]}" : start.Name.Trim();
        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            var experiment = await GetOrCreateExperimentAsync(connection, transaction, start.Experiment, cancellationToken).ConfigureAwait(false);
            var now = StoreTime.Format(DateTimeOffset.UtcNow);
            await StoreSql.ExecuteAsync(
                connection, transaction,
                "INSERT INTO runs(run_id, experiment_id, name, status, start_time, end_time, source_commit, created_by) VALUES (@id, @e, @name, 'running', @now, NULL, @commit, @actor)",
                cancellationToken, ("id", runId), ("e", experiment.Id), ("name", name), ("now", now), ("commit", start.SourceCommit), ("actor", actor)).ConfigureAwait(false);
            await UpsertPairsAsync(connection, transaction, "run_params", runId, start.Params, cancellationToken).ConfigureAwait(false);
            await UpsertPairsAsync(connection, transaction, "run_tags", runId, start.Tags, cancellationToken).ConfigureAwait(false);
            await AuditChain.AppendAsync(connection, transaction, actor, "run.create", runId,
                new Dictionary<string, string> { ["experiment"] = experiment.Name, ["name"] = name, ["sourceCommit"] = start.SourceCommit ?? string.Empty },
                cancellationToken).ConfigureAwait(false);
            return new RunInfo(runId, experiment.Name, name, RunStatus.Running, StoreTime.Parse(now), null, start.SourceCommit, actor);
        }, cancellationToken);
    }

    public Task LogParamsAsync(string runId, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ValidatePairs(parameters, "parameter");
        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            await RequireRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            var existing = await ReadPairsAsync(connection, transaction, "run_params", runId, cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in parameters)
            {
                if (existing.TryGetValue(key, out var old) && old != value)
                {
                    throw LatentOpsException.InvalidState(
                        $"Parameter '{key}' of run {runId} is already '{old}'; a parameter cannot change (tried '{value}'). Start a new run for new settings.");
                }
            }

            await UpsertPairsAsync(connection, transaction, "run_params", runId, parameters, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    public Task LogMetricsAsync(string runId, IReadOnlyList<MetricPoint> metrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (var metric in metrics)
        {
            ValidateKey(metric.Key, "metric");
            if (metric.Step < 0)
            {
                throw LatentOpsException.InvalidInput($"Metric '{metric.Key}' has step {metric.Step}; steps are 0 or more.");
            }
        }

        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            await RequireRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            await using var command = StoreSql.Command(
                connection, transaction,
                "INSERT INTO run_metrics(run_id, key, step, value, logged_at) VALUES (@run, @key, @step, @value, @at)",
                ("run", runId), ("key", string.Empty), ("step", 0L), ("value", 0.0), ("at", string.Empty));
            foreach (var metric in metrics)
            {
                command.Parameters[1].Value = metric.Key;
                command.Parameters[2].Value = metric.Step;
                command.Parameters[3].Value = double.IsNaN(metric.Value) ? DBNull.Value : metric.Value;
                command.Parameters[4].Value = StoreTime.Format(metric.Timestamp);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken);
    }

    public Task LogMetricAsync(string runId, string key, double value, long step = 0, CancellationToken cancellationToken = default) =>
        LogMetricsAsync(runId, [new MetricPoint(key, value, step, DateTimeOffset.UtcNow)], cancellationToken);

    public Task SetTagsAsync(string runId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ValidatePairs(tags, "tag");
        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            await RequireRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            await UpsertPairsAsync(connection, transaction, "run_tags", runId, tags, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    public Task LogArtifactAsync(string runId, RunArtifact artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ValidateKey(artifact.Path, "artifact path");
        if (!Core.Hashing.ContentHash.IsValid(artifact.Hash))
        {
            throw LatentOpsException.InvalidInput($"Artifact '{artifact.Path}' has hash '{artifact.Hash}'; expected 64 lower-case hex digits (SHA-256).");
        }

        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            await RequireRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            await StoreSql.ExecuteAsync(
                connection, transaction,
                "INSERT INTO run_artifacts(run_id, path, hash, size) VALUES (@run, @path, @hash, @size) ON CONFLICT (run_id, path) DO UPDATE SET hash = excluded.hash, size = excluded.size",
                cancellationToken, ("run", runId), ("path", artifact.Path), ("hash", artifact.Hash), ("size", artifact.Size)).ConfigureAwait(false);
            await AuditChain.AppendAsync(connection, transaction, actor, "run.artifact", runId,
                new Dictionary<string, string> { ["path"] = artifact.Path, ["hash"] = artifact.Hash }, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    public Task LogDatasetAsync(string runId, RunDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Names.Validate(dataset.Name, "dataset");
        ValidateKey(dataset.Role, "dataset role");
        if (dataset.Version < 1)
        {
            throw LatentOpsException.InvalidInput($"Dataset '{dataset.Name}' has version {dataset.Version}; versions start at 1.");
        }

        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            await RequireRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            await StoreSql.ExecuteAsync(
                connection, transaction,
                """
                INSERT INTO run_datasets(run_id, role, dataset_name, dataset_version, content_hash, source) VALUES (@run, @role, @name, @version, @hash, @source)
                ON CONFLICT (run_id, role, dataset_name, dataset_version) DO UPDATE SET content_hash = excluded.content_hash, source = excluded.source
                """,
                cancellationToken, ("run", runId), ("role", dataset.Role), ("name", dataset.Name), ("version", dataset.Version), ("hash", dataset.ContentHash), ("source", dataset.Source)).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    public Task<RunInfo> EndRunAsync(string runId, RunStatus status = RunStatus.Finished, CancellationToken cancellationToken = default)
    {
        if (status == RunStatus.Running)
        {
            throw LatentOpsException.InvalidInput($"A run cannot end with status 'running'; use finished, failed or killed.");
        }

        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            var info = await RequireRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            await StoreSql.ExecuteAsync(connection, transaction, "UPDATE runs SET status = @status, end_time = @end WHERE run_id = @id", cancellationToken,
                ("status", StatusText(status)), ("end", StoreTime.Format(now)), ("id", runId)).ConfigureAwait(false);
            await AuditChain.AppendAsync(connection, transaction, actor, "run.end", runId,
                new Dictionary<string, string> { ["status"] = StatusText(status) }, cancellationToken).ConfigureAwait(false);
            return info with { Status = status, EndTime = StoreTime.Parse(StoreTime.Format(now)) };
        }, cancellationToken);
    }

    public Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        StoreSql.ReadAsync(database, async connection =>
        {
            var info = await RequireRunAsync(connection, null, runId, cancellationToken).ConfigureAwait(false);
            return await LoadRunAsync(connection, info, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<MetricPoint>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default) =>
        StoreSql.ReadAsync<IReadOnlyList<MetricPoint>>(database, async connection =>
        {
            await RequireRunAsync(connection, null, runId, cancellationToken).ConfigureAwait(false);
            return await StoreSql.QueryAsync(
                connection, null, "SELECT key, value, step, logged_at FROM run_metrics WHERE run_id = @run AND key = @key ORDER BY step, logged_at, metric_id",
                MapMetric, cancellationToken, ("run", runId), ("key", key)).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<Run>> SearchRunsAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.MaxResults is < 1 or > 100_000)
        {
            throw LatentOpsException.InvalidInput($"max results {query.MaxResults} is out of range: use 1 to 100000.");
        }

        var filter = RunFilter.Parse(query.Filter);
        var order = RunOrder.Parse(query.OrderBy);
        return StoreSql.ReadAsync<IReadOnlyList<Run>>(database, async connection =>
        {
            var infos = await StoreSql.QueryAsync(
                connection, null,
                RunSelect + " WHERE (@experiment = '' OR e.name = @experiment) AND (@status = '' OR r.status = @status) ORDER BY r.start_time DESC, r.run_id",
                MapRunInfo, cancellationToken,
                ("experiment", query.Experiment ?? string.Empty), ("status", query.Status is { } s ? StatusText(s) : string.Empty)).ConfigureAwait(false);
            var runs = new List<Run>(infos.Count);
            foreach (var info in infos)
            {
                var run = await LoadRunAsync(connection, info, cancellationToken).ConfigureAwait(false);
                if (filter.Matches(run))
                {
                    runs.Add(run);
                }
            }

            return order.Sort(runs).Take(query.MaxResults).ToList();
        }, cancellationToken);
    }

    public Task<string> ResolveRunIdAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var text = (idOrPrefix ?? string.Empty).Trim().ToLowerInvariant();
        if (text.Length < 4 || text.Length > 32 || !text.All(char.IsAsciiHexDigitLower))
        {
            throw LatentOpsException.InvalidInput($"'{idOrPrefix}' is not a run id: use the 32 hex digits 'latentops runs list' shows, or a unique prefix of at least 4.");
        }

        return StoreSql.ReadAsync(database, async connection =>
        {
            var matches = await StoreSql.QueryAsync(connection, null, "SELECT run_id FROM runs WHERE substr(run_id, 1, @n) = @prefix ORDER BY run_id LIMIT 3",
                r => r.GetString(0), cancellationToken, ("n", text.Length), ("prefix", text)).ConfigureAwait(false);
            return matches.Count switch
            {
                0 => throw LatentOpsException.NotFound($"No run has id '{idOrPrefix}'. 'latentops runs list' shows the runs."),
                1 => matches[0],
                _ => throw LatentOpsException.InvalidInput($"Run id prefix '{idOrPrefix}' is ambiguous ({string.Join(", ", matches)}, ...): type more digits."),
            };
        }, cancellationToken);
    }

    internal const string RunSelect =
        "SELECT r.run_id, e.name, r.name, r.status, r.start_time, r.end_time, r.source_commit, r.created_by FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id";

    internal static RunInfo MapRunInfo(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        ParseStatus(r.GetString(3)),
        StoreTime.Parse(r.GetString(4)),
        r.IsDBNull(5) ? null : StoreTime.Parse(r.GetString(5)),
        StoreSql.NullableString(r, 6),
        r.GetString(7));

    internal static async Task<RunInfo> RequireRunAsync(DbConnection connection, DbTransaction? transaction, string runId, CancellationToken cancellationToken)
    {
        var rows = await StoreSql.QueryAsync(connection, transaction, RunSelect + " WHERE r.run_id = @id", MapRunInfo, cancellationToken, ("id", runId ?? string.Empty)).ConfigureAwait(false);
        return rows.Count == 1 ? rows[0] : throw LatentOpsException.NotFound($"No run has id '{runId}'. 'latentops runs list' shows the runs.");
    }

    internal static async Task<Dictionary<string, double>> LatestMetricsAsync(DbConnection connection, DbTransaction? transaction, string runId, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, double>(StringComparer.Ordinal);
        var points = await StoreSql.QueryAsync(connection, transaction, "SELECT key, value, step, logged_at FROM run_metrics WHERE run_id = @run ORDER BY key, step, logged_at, metric_id",
            MapMetric, cancellationToken, ("run", runId)).ConfigureAwait(false);
        foreach (var point in points)
        {
            latest[point.Key] = point.Value;
        }

        return latest;
    }

    internal static async Task<Dictionary<string, string>> ReadPairsAsync(DbConnection connection, DbTransaction? transaction, string table, string runId, CancellationToken cancellationToken)
    {
        var rows = await StoreSql.QueryAsync(connection, transaction, $"SELECT key, value FROM {table} WHERE run_id = @run ORDER BY key",
            r => (r.GetString(0), r.GetString(1)), cancellationToken, ("run", runId)).ConfigureAwait(false);
        return rows.ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
    }

    internal static string StatusText(RunStatus status) => status.ToString().ToLowerInvariant();

    private static RunStatus ParseStatus(string text) => Enum.Parse<RunStatus>(text, ignoreCase: true);

    private static MetricPoint MapMetric(DbDataReader r) => new(
        r.GetString(0), r.IsDBNull(1) ? double.NaN : r.GetDouble(1), StoreSql.Long(r, 2), StoreTime.Parse(r.GetString(3)));

    private static async Task<Run> LoadRunAsync(DbConnection connection, RunInfo info, CancellationToken cancellationToken)
    {
        var parameters = await ReadPairsAsync(connection, null, "run_params", info.RunId, cancellationToken).ConfigureAwait(false);
        var tags = await ReadPairsAsync(connection, null, "run_tags", info.RunId, cancellationToken).ConfigureAwait(false);
        var metrics = await LatestMetricsAsync(connection, null, info.RunId, cancellationToken).ConfigureAwait(false);
        var artifacts = await StoreSql.QueryAsync(connection, null, "SELECT path, hash, size FROM run_artifacts WHERE run_id = @run ORDER BY path",
            r => new RunArtifact(r.GetString(0), r.GetString(1), StoreSql.Long(r, 2)), cancellationToken, ("run", info.RunId)).ConfigureAwait(false);
        var datasets = await StoreSql.QueryAsync(connection, null, "SELECT role, dataset_name, dataset_version, content_hash, source FROM run_datasets WHERE run_id = @run ORDER BY role, dataset_name",
            r => new RunDataset(r.GetString(0), r.GetString(1), StoreSql.Int(r, 2), StoreSql.NullableString(r, 3), StoreSql.NullableString(r, 4)), cancellationToken, ("run", info.RunId)).ConfigureAwait(false);
        return new Run(info, parameters, tags, metrics, artifacts, datasets);
    }

    private static async Task<Experiment> GetOrCreateExperimentAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await StoreSql.ExecuteAsync(connection, transaction, "INSERT INTO experiments(name, created_at) VALUES (@name, @now) ON CONFLICT (name) DO NOTHING", cancellationToken,
            ("name", name), ("now", StoreTime.Format(DateTimeOffset.UtcNow))).ConfigureAwait(false);
        var rows = await StoreSql.QueryAsync(connection, transaction, "SELECT experiment_id, name, created_at FROM experiments WHERE name = @name",
            r => new Experiment(StoreSql.Long(r, 0), r.GetString(1), StoreTime.Parse(r.GetString(2))), cancellationToken, ("name", name)).ConfigureAwait(false);
        return rows[0];
    }

    private static async Task UpsertPairsAsync(DbConnection connection, DbTransaction transaction, string table, string runId, IReadOnlyDictionary<string, string> pairs, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in pairs)
        {
            await StoreSql.ExecuteAsync(connection, transaction,
                $"INSERT INTO {table}(run_id, key, value) VALUES (@run, @key, @value) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value",
                cancellationToken, ("run", runId), ("key", key), ("value", value)).ConfigureAwait(false);
        }
    }

    private static void ValidatePairs(IReadOnlyDictionary<string, string> pairs, string what)
    {
        foreach (var (key, value) in pairs)
        {
            ValidateKey(key, what);
            if (value is null || value.Length > MaxValueLength)
            {
                throw LatentOpsException.InvalidInput($"The value of {what} '{key}' is {(value is null ? "missing" : $"{value.Length} characters long")}; values are text of at most {MaxValueLength} characters.");
            }
        }
    }

    private static void ValidateKey(string key, string what)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            throw LatentOpsException.InvalidInput(
                $"'{key}' is not a valid {what} name: use 1 to {MaxKeyLength.ToString(CultureInfo.InvariantCulture)} printable characters.");
        }
    }
}
