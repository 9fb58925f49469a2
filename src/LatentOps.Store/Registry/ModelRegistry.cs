using System.Data.Common;
using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Store.Audit;
using LatentOps.Store.Database;
using LatentOps.Store.Tracking;

namespace LatentOps.Store.Registry;

/// <summary>The model registry on the metadata database, in portable SQL (SQLite and PostgreSQL).</summary>
internal sealed class ModelRegistry(IMetadataDatabase database, string actor) : IModelRegistry
{
    public Task<ModelVersion> RegisterAsync(string name, string runId, string artifactPath = "model", CancellationToken cancellationToken = default)
    {
        Names.Validate(name, "model");
        ArgumentException.ThrowIfNullOrWhiteSpace(artifactPath);
        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            var run = await TrackingStore.RequireRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            var hashes = await StoreSql.QueryAsync(connection, transaction, "SELECT hash FROM run_artifacts WHERE run_id = @run AND path = @path",
                r => r.GetString(0), cancellationToken, ("run", run.RunId), ("path", artifactPath)).ConfigureAwait(false);
            if (hashes.Count == 0)
            {
                throw LatentOpsException.InvalidState(
                    $"Run {run.RunId} has no artifact '{artifactPath}' (the model package), so there is nothing to register. " +
                    "Register a run that saved a model (latentops train does), or name its package with --artifact.");
            }

            await StoreSql.ExecuteAsync(connection, transaction, "INSERT INTO registered_models(name, created_at, last_version) VALUES (@name, @now, 0) ON CONFLICT (name) DO NOTHING",
                cancellationToken, ("name", name), ("now", StoreTime.Format(DateTimeOffset.UtcNow))).ConfigureAwait(false);
            var modelId = await LockModelAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false);
            var version = Convert.ToInt32(await StoreSql.ScalarAsync(connection, transaction,
                "UPDATE registered_models SET last_version = last_version + 1 WHERE model_id = @id RETURNING last_version", cancellationToken, ("id", modelId)).ConfigureAwait(false), CultureInfo.InvariantCulture);
            var now = StoreTime.Format(DateTimeOffset.UtcNow);
            await StoreSql.ExecuteAsync(connection, transaction,
                "INSERT INTO model_versions(model_id, version, run_id, package_hash, created_at, created_by) VALUES (@id, @v, @run, @hash, @now, @actor)",
                cancellationToken, ("id", modelId), ("v", version), ("run", run.RunId), ("hash", hashes[0]), ("now", now), ("actor", actor)).ConfigureAwait(false);
            var result = new ModelVersion(name, version, run.RunId, hashes[0], StoreTime.Parse(now), actor, []);
            await AuditChain.AppendAsync(connection, transaction, actor, "model.register", result.Reference,
                new Dictionary<string, string> { ["run"] = run.RunId, ["packageHash"] = hashes[0], ["artifact"] = artifactPath }, cancellationToken).ConfigureAwait(false);
            return result;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        StoreSql.ReadAsync<IReadOnlyList<RegisteredModel>>(database, async connection =>
        {
            var models = await StoreSql.QueryAsync(connection, null, "SELECT model_id, name, created_at, last_version FROM registered_models ORDER BY name",
                r => (Id: StoreSql.Long(r, 0), Name: r.GetString(1), Created: StoreTime.Parse(r.GetString(2)), Latest: StoreSql.Int(r, 3)), cancellationToken).ConfigureAwait(false);
            var aliases = await StoreSql.QueryAsync(connection, null, "SELECT model_id, alias, version FROM model_aliases ORDER BY alias",
                r => (Id: StoreSql.Long(r, 0), Alias: r.GetString(1), Version: StoreSql.Int(r, 2)), cancellationToken).ConfigureAwait(false);
            return models.Select(m => new RegisteredModel(m.Name, m.Created, m.Latest,
                aliases.Where(a => a.Id == m.Id).ToDictionary(a => a.Alias, a => a.Version, StringComparer.Ordinal))).ToList();
        }, cancellationToken);

    public Task<ModelDetails> GetModelAsync(string name, CancellationToken cancellationToken = default) =>
        StoreSql.ReadAsync(database, async connection =>
        {
            var (id, created, latest) = await RequireModelAsync(connection, null, name, cancellationToken).ConfigureAwait(false);
            var aliases = await AliasesAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
            var versions = await VersionsAsync(connection, null, id, name, aliases, null, cancellationToken).ConfigureAwait(false);
            return new ModelDetails(new RegisteredModel(name, created, latest, aliases), versions);
        }, cancellationToken);

    public Task<ModelVersion> ResolveAsync(ModelRef reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return StoreSql.ReadAsync(database, connection => ResolveAsync(connection, null, reference, cancellationToken), cancellationToken);
    }

    public Task<AliasMove> SetAliasAsync(string name, string alias, int version, CancellationToken cancellationToken = default)
    {
        Names.Validate(alias, "alias");
        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            var modelId = await LockModelAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false);
            await RequireVersionAsync(connection, transaction, modelId, name, version, cancellationToken).ConfigureAwait(false);
            return await MoveAliasAsync(connection, transaction, modelId, name, alias, version, "set", null, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<PromotionResult> PromoteAsync(PromotionRequest request, PromotionGates gates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(gates);
        Names.Validate(request.Alias, "alias");
        if (request.Force && string.IsNullOrWhiteSpace(request.Reason))
        {
            throw LatentOpsException.InvalidInput("--force needs --reason: say why the gates are overridden (it is recorded in the alias history and the audit log).");
        }

        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            var modelId = await LockModelAsync(connection, transaction, request.Name, cancellationToken).ConfigureAwait(false);
            var candidate = await RequireVersionAsync(connection, transaction, modelId, request.Name, request.Version, cancellationToken).ConfigureAwait(false);
            var aliases = await AliasesAsync(connection, transaction, modelId, cancellationToken).ConfigureAwait(false);
            int? championVersion = aliases.TryGetValue(request.Alias, out var held) ? held : null;
            if (championVersion == request.Version)
            {
                throw LatentOpsException.InvalidState($"{candidate.Reference} already holds the alias '{request.Alias}'.");
            }

            var candidateMetrics = await GateMetricsAsync(connection, transaction, candidate, cancellationToken).ConfigureAwait(false);
            var candidateTags = await TrackingStore.ReadPairsAsync(connection, transaction, "run_tags", candidate.RunId, cancellationToken).ConfigureAwait(false);
            Dictionary<string, double>? championMetrics = null;
            if (championVersion is { } cv)
            {
                var champion = await RequireVersionAsync(connection, transaction, modelId, request.Name, cv, cancellationToken).ConfigureAwait(false);
                championMetrics = await GateMetricsAsync(connection, transaction, champion, cancellationToken).ConfigureAwait(false);
            }

            var results = gates.Evaluate(candidateMetrics, candidateTags, championMetrics, championVersion is { } c ? $"{request.Alias} (v{c})" : request.Alias);
            var passed = results.All(r => r.Passed);
            var details = new Dictionary<string, string>
            {
                ["alias"] = request.Alias,
                ["from"] = championVersion?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                ["gates"] = string.Join("; ", results.Select(r => $"{(r.Passed ? "pass" : "FAIL")} {r.Rule} ({r.Detail})")),
            };
            if (!passed && !request.Force)
            {
                await AuditChain.AppendAsync(connection, transaction, actor, "model.promote.refused", candidate.Reference, details, cancellationToken).ConfigureAwait(false);
                return new PromotionResult(request.Name, request.Version, request.Alias, false, false, championVersion, results, null);
            }

            var kind = passed ? "promote" : "force";
            var move = await MoveAliasAsync(connection, transaction, modelId, request.Name, request.Alias, request.Version, kind, request.Reason, cancellationToken, details).ConfigureAwait(false);
            return new PromotionResult(request.Name, request.Version, request.Alias, true, !passed, championVersion, results, move);
        }, cancellationToken);
    }

    /// <summary>
    /// The metrics the gates see for a version: its training run's, overlaid by those of its latest
    /// finished evaluation run (tags <c>latentops.kind=evaluation</c>, <c>latentops.model=NAME:VERSION</c>;
    /// see CONTRACTS: <c>latentops evaluate model</c>), so gates can use held-out metrics such as ROC-AUC.
    /// </summary>
    private static async Task<Dictionary<string, double>> GateMetricsAsync(DbConnection connection, DbTransaction transaction, ModelVersion version, CancellationToken cancellationToken)
    {
        var metrics = await TrackingStore.LatestMetricsAsync(connection, transaction, version.RunId, cancellationToken).ConfigureAwait(false);
        var evaluations = await StoreSql.QueryAsync(connection, transaction,
            """
            SELECT r.run_id FROM runs r
            JOIN run_tags m ON m.run_id = r.run_id AND m.key = 'latentops.model' AND m.value = @model
            JOIN run_tags k ON k.run_id = r.run_id AND k.key = 'latentops.kind' AND k.value = 'evaluation'
            WHERE r.status = 'finished' ORDER BY r.start_time DESC, r.run_id DESC LIMIT 1
            """,
            r => r.GetString(0), cancellationToken, ("model", $"{version.Name}:{version.Version.ToString(CultureInfo.InvariantCulture)}")).ConfigureAwait(false);
        if (evaluations.Count > 0)
        {
            foreach (var (key, value) in await TrackingStore.LatestMetricsAsync(connection, transaction, evaluations[0], cancellationToken).ConfigureAwait(false))
            {
                metrics[key] = value;
            }
        }

        return metrics;
    }

    public Task<AliasMove> RollbackAsync(string name, string alias = "champion", CancellationToken cancellationToken = default)
    {
        Names.Validate(alias, "alias");
        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            var modelId = await LockModelAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false);
            var history = await HistoryAsync(connection, transaction, modelId, name, alias, cancellationToken).ConfigureAwait(false);
            var holders = new List<int>();
            foreach (var move in history)
            {
                if (move.Kind == "rollback")
                {
                    holders.RemoveAt(holders.Count - 1);
                }
                else
                {
                    holders.Add(move.ToVersion);
                }
            }

            if (holders.Count == 0)
            {
                throw LatentOpsException.InvalidState($"Model '{name}' has no alias '{alias}' to roll back.");
            }

            if (holders.Count == 1)
            {
                throw LatentOpsException.InvalidState(
                    $"The alias '{alias}' of model '{name}' has had no earlier holder to roll back to (it points at v{holders[0]}). 'latentops models show {name}' shows its history.");
            }

            return await MoveAliasAsync(connection, transaction, modelId, name, alias, holders[^2], "rollback", null, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AliasMove>> GetAliasHistoryAsync(string name, string? alias = null, CancellationToken cancellationToken = default) =>
        StoreSql.ReadAsync<IReadOnlyList<AliasMove>>(database, async connection =>
        {
            var (id, _, _) = await RequireModelAsync(connection, null, name, cancellationToken).ConfigureAwait(false);
            return await HistoryAsync(connection, null, id, name, alias, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<ModelLineage> GetLineageAsync(string name, int version, CancellationToken cancellationToken = default) =>
        StoreSql.ReadAsync(database, async connection =>
        {
            var (id, _, _) = await RequireModelAsync(connection, null, name, cancellationToken).ConfigureAwait(false);
            var modelVersion = await RequireVersionAsync(connection, null, id, name, version, cancellationToken).ConfigureAwait(false);
            var run = await TrackingStore.RequireRunAsync(connection, null, modelVersion.RunId, cancellationToken).ConfigureAwait(false);
            var parameters = await TrackingStore.ReadPairsAsync(connection, null, "run_params", run.RunId, cancellationToken).ConfigureAwait(false);
            var metrics = await TrackingStore.LatestMetricsAsync(connection, null, run.RunId, cancellationToken).ConfigureAwait(false);
            var datasets = await StoreSql.QueryAsync(connection, null, "SELECT role, dataset_name, dataset_version, content_hash, source FROM run_datasets WHERE run_id = @run ORDER BY role, dataset_name",
                r => new RunDataset(r.GetString(0), r.GetString(1), StoreSql.Int(r, 2), StoreSql.NullableString(r, 3), StoreSql.NullableString(r, 4)), cancellationToken, ("run", run.RunId)).ConfigureAwait(false);
            var artifacts = await StoreSql.QueryAsync(connection, null, "SELECT path, hash, size FROM run_artifacts WHERE run_id = @run ORDER BY path",
                r => new RunArtifact(r.GetString(0), r.GetString(1), StoreSql.Long(r, 2)), cancellationToken, ("run", run.RunId)).ConfigureAwait(false);
            return new ModelLineage(modelVersion, run, parameters, metrics, datasets, artifacts);
        }, cancellationToken);

    private async Task<AliasMove> MoveAliasAsync(
        DbConnection connection, DbTransaction transaction, long modelId, string name, string alias, int version, string kind, string? reason,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? extraDetails = null)
    {
        var current = await StoreSql.ScalarAsync(connection, transaction, "SELECT version FROM model_aliases WHERE model_id = @id AND alias = @alias", cancellationToken,
            ("id", modelId), ("alias", alias)).ConfigureAwait(false);
        int? from = current is null ? null : Convert.ToInt32(current, CultureInfo.InvariantCulture);
        var now = StoreTime.Format(DateTimeOffset.UtcNow);
        await StoreSql.ExecuteAsync(connection, transaction,
            "INSERT INTO model_aliases(model_id, alias, version, updated_at) VALUES (@id, @alias, @v, @now) ON CONFLICT (model_id, alias) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at",
            cancellationToken, ("id", modelId), ("alias", alias), ("v", version), ("now", now)).ConfigureAwait(false);
        var moveId = StoreSql.Long(await StoreSql.ScalarAsync(connection, transaction,
            "INSERT INTO alias_moves(model_id, alias, from_version, to_version, kind, reason, actor, moved_at) VALUES (@id, @alias, @from, @to, @kind, @reason, @actor, @now) RETURNING move_id",
            cancellationToken, ("id", modelId), ("alias", alias), ("from", from), ("to", version), ("kind", kind), ("reason", reason), ("actor", actor), ("now", now)).ConfigureAwait(false));
        var details = new Dictionary<string, string>(extraDetails ?? new Dictionary<string, string>())
        {
            ["alias"] = alias,
            ["from"] = from?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            ["to"] = version.ToString(CultureInfo.InvariantCulture),
        };
        if (reason is not null)
        {
            details["reason"] = reason;
        }

        var action = kind switch { "set" => "model.alias", "rollback" => "model.rollback", "force" => "model.promote.forced", _ => "model.promote" };
        await AuditChain.AppendAsync(connection, transaction, actor, action, $"{name}:{version.ToString(CultureInfo.InvariantCulture)}", details, cancellationToken).ConfigureAwait(false);
        return new AliasMove(moveId, name, alias, from, version, kind, reason, actor, StoreTime.Parse(now));
    }

    private static async Task<List<AliasMove>> HistoryAsync(DbConnection connection, DbTransaction? transaction, long modelId, string name, string? alias, CancellationToken cancellationToken) =>
        await StoreSql.QueryAsync(connection, transaction,
            "SELECT move_id, alias, from_version, to_version, kind, reason, actor, moved_at FROM alias_moves WHERE model_id = @id AND (@alias = '' OR alias = @alias) ORDER BY move_id",
            r => new AliasMove(StoreSql.Long(r, 0), name, r.GetString(1), StoreSql.NullableInt(r, 2), StoreSql.Int(r, 3), r.GetString(4), StoreSql.NullableString(r, 5), r.GetString(6), StoreTime.Parse(r.GetString(7))),
            cancellationToken, ("id", modelId), ("alias", alias ?? string.Empty)).ConfigureAwait(false);

    /// <summary>The model id, locking its row on PostgreSQL so concurrent alias moves and registrations of one model serialise.</summary>
    private static async Task<long> LockModelAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        Names.Validate(name, "model");
        var suffix = connection is Npgsql.NpgsqlConnection ? " FOR UPDATE" : string.Empty;
        var id = await StoreSql.ScalarAsync(connection, transaction, "SELECT model_id FROM registered_models WHERE name = @name" + suffix, cancellationToken, ("name", name)).ConfigureAwait(false);
        return id is null ? throw NoModel(name) : StoreSql.Long(id);
    }

    private static async Task<(long Id, DateTimeOffset Created, int Latest)> RequireModelAsync(DbConnection connection, DbTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        Names.Validate(name, "model");
        var rows = await StoreSql.QueryAsync(connection, transaction, "SELECT model_id, created_at, last_version FROM registered_models WHERE name = @name",
            r => (StoreSql.Long(r, 0), StoreTime.Parse(r.GetString(1)), StoreSql.Int(r, 2)), cancellationToken, ("name", name)).ConfigureAwait(false);
        return rows.Count == 1 ? rows[0] : throw NoModel(name);
    }

    private static LatentOpsException NoModel(string name) =>
        LatentOpsException.NotFound($"No registered model is named '{name}'. 'latentops models list' shows them; 'latentops models register RUN --name {name}' creates it.");

    private static async Task<Dictionary<string, int>> AliasesAsync(DbConnection connection, DbTransaction? transaction, long modelId, CancellationToken cancellationToken) =>
        (await StoreSql.QueryAsync(connection, transaction, "SELECT alias, version FROM model_aliases WHERE model_id = @id ORDER BY alias",
            r => (r.GetString(0), StoreSql.Int(r, 1)), cancellationToken, ("id", modelId)).ConfigureAwait(false)).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    private static async Task<List<ModelVersion>> VersionsAsync(
        DbConnection connection, DbTransaction? transaction, long modelId, string name, Dictionary<string, int> aliases, int? only, CancellationToken cancellationToken) =>
        await StoreSql.QueryAsync(connection, transaction,
            "SELECT version, run_id, package_hash, created_at, created_by FROM model_versions WHERE model_id = @id AND (@only = 0 OR version = @only) ORDER BY version DESC",
            r =>
            {
                var version = StoreSql.Int(r, 0);
                return new ModelVersion(name, version, r.GetString(1), r.GetString(2), StoreTime.Parse(r.GetString(3)), r.GetString(4),
                    aliases.Where(a => a.Value == version).Select(a => a.Key).Order(StringComparer.Ordinal).ToList());
            },
            cancellationToken, ("id", modelId), ("only", only ?? 0)).ConfigureAwait(false);

    private static async Task<ModelVersion> RequireVersionAsync(DbConnection connection, DbTransaction? transaction, long modelId, string name, int version, CancellationToken cancellationToken)
    {
        var aliases = await AliasesAsync(connection, transaction, modelId, cancellationToken).ConfigureAwait(false);
        var rows = await VersionsAsync(connection, transaction, modelId, name, aliases, version, cancellationToken).ConfigureAwait(false);
        return version >= 1 && rows.Count == 1
            ? rows[0]
            : throw LatentOpsException.NotFound($"Model '{name}' has no version {version}. 'latentops models show {name}' lists its versions.");
    }

    private static async Task<ModelVersion> ResolveAsync(DbConnection connection, DbTransaction? transaction, ModelRef reference, CancellationToken cancellationToken)
    {
        var (id, _, _) = await RequireModelAsync(connection, transaction, reference.Name, cancellationToken).ConfigureAwait(false);
        if (reference.Version is { } version)
        {
            return await RequireVersionAsync(connection, transaction, id, reference.Name, version, cancellationToken).ConfigureAwait(false);
        }

        var aliases = await AliasesAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
        return aliases.TryGetValue(reference.Alias!, out var held)
            ? await RequireVersionAsync(connection, transaction, id, reference.Name, held, cancellationToken).ConfigureAwait(false)
            : throw LatentOpsException.NotFound($"Model '{reference.Name}' has no alias '{reference.Alias}'" +
                (aliases.Count == 0 ? " (it has no aliases yet)." : $"; its aliases are {string.Join(", ", aliases.Keys)}."));
    }
}
