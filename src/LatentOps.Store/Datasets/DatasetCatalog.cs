using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Core.Serialization;
using LatentOps.Core.Tables;
using LatentOps.Data.Hashing;
using LatentOps.Data.Parquet;
using LatentOps.Store.Artifacts;
using LatentOps.Store.Audit;
using LatentOps.Store.Database;
using LatentOps.Store.Workspaces;

namespace LatentOps.Store.Datasets;

/// <summary>
/// The dataset catalog: named datasets made of immutable, numbered versions. Each version is a table
/// stored once as Parquet in the content-addressed artifact store and recorded in the metadata database
/// (portable SQL over <see cref="IMetadataDatabase"/>) with its schema, roles, provenance and parents.
/// Adding content equal to an existing version of the same dataset returns that version and writes nothing.
/// </summary>
public sealed class DatasetCatalog
{
    private readonly IMetadataDatabase _database;
    private readonly ArtifactStore _artifacts;
    private readonly Func<string> _user;

    /// <summary>Creates a catalog over a database and an artifact store.</summary>
    /// <param name="database">Where versions are recorded.</param>
    /// <param name="artifacts">Where the Parquet files go.</param>
    /// <param name="user">Who is acting (recorded in provenance); the OS user name when null.</param>
    public DatasetCatalog(IMetadataDatabase database, ArtifactStore artifacts, Func<string>? user = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(artifacts);
        _database = database;
        _artifacts = artifacts;
        _user = user ?? (() => Environment.UserName);
    }

    /// <summary>The catalog of a workspace.</summary>
    public DatasetCatalog(Workspace workspace)
        : this(workspace?.Database ?? throw new ArgumentNullException(nameof(workspace)), workspace.Artifacts)
    {
    }

    /// <summary>
    /// Adds <paramref name="table"/> as the next version of dataset <paramref name="name"/> (creating the
    /// dataset), or returns the existing version with equal content. The Parquet file is written first
    /// (atomically, content-addressed), then the version row and its lineage in one transaction.
    /// </summary>
    public async Task<DatasetAddResult> AddVersionAsync(
        string name,
        Table table,
        DatasetRoles roles,
        DatasetProvenance provenance,
        IReadOnlyList<DatasetRef>? parents = null,
        CancellationToken cancellationToken = default)
    {
        Names.Validate(name, "dataset");
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(provenance);
        CheckRoles(table, roles);
        parents ??= [];
        var resolvedParents = new List<DatasetVersion>();
        foreach (var parent in parents)
        {
            resolvedParents.Add(await GetVersionAsync(parent, cancellationToken).ConfigureAwait(false));
        }

        var contentHash = await Task.Run(() => TableHash.Compute(table), cancellationToken).ConfigureAwait(false);
        if (await FindByContentAsync(name, contentHash, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new DatasetAddResult(existing, Created: false);
        }

        var artifact = await _artifacts.PutWithWriterAsync((path, ct) => TableParquet.WriteAsync(table, path, ct), cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var user = _user();
        var schemaJson = JsonSerializer.Serialize(table.Schema, LatentOpsJson.Compact);
        var provenanceJson = JsonSerializer.Serialize(provenance, LatentOpsJson.Compact);

        // One write transaction (BEGIN IMMEDIATE on SQLite, retried whole on contention) holding the
        // version, its lineage and its audit entry: a killed process leaves all of them or none.
        var (raced, next) = await StoreSql.WriteAsync(_database, async (connection, transaction) =>
        {
            var concurrent = await FindByContentAsync(connection, transaction, name, contentHash, cancellationToken).ConfigureAwait(false);
            if (concurrent is not null)
            {
                return (concurrent, 0); // Another process added the same content meanwhile.
            }

            await StoreSql.ExecuteAsync(connection, transaction, "INSERT INTO datasets (name, created_at) VALUES (@name, @now) ON CONFLICT (name) DO NOTHING",
                cancellationToken, ("@name", name), ("@now", StoreTime.Format(now))).ConfigureAwait(false);
            var number = Convert.ToInt32(await StoreSql.ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) + 1 FROM dataset_versions WHERE name = @name",
                cancellationToken, ("@name", name)).ConfigureAwait(false), CultureInfo.InvariantCulture);
            await StoreSql.ExecuteAsync(connection, transaction, """
                INSERT INTO dataset_versions (name, version, content_hash, artifact_hash, artifact_size, row_count, column_count, schema_json,
                    label_column, time_column, id_column, provenance_json, created_at, created_by)
                VALUES (@name, @version, @content, @artifact, @size, @rows, @columns, @schema, @label, @time, @id, @provenance, @now, @user)
                """, cancellationToken,
                ("@name", name), ("@version", number), ("@content", contentHash), ("@artifact", artifact.Hash), ("@size", artifact.Size),
                ("@rows", table.RowCount), ("@columns", table.Columns.Count), ("@schema", schemaJson), ("@label", (object?)roles.Label), ("@time", (object?)roles.Time),
                ("@id", (object?)roles.Id), ("@provenance", provenanceJson), ("@now", StoreTime.Format(now)), ("@user", user)).ConfigureAwait(false);
            foreach (var parent in resolvedParents.DistinctBy(p => (p.Name, p.Version)))
            {
                await StoreSql.ExecuteAsync(connection, transaction, """
                    INSERT INTO dataset_lineage (child_name, child_version, parent_name, parent_version)
                    VALUES (@child, @childVersion, @parent, @parentVersion)
                    """, cancellationToken, ("@child", name), ("@childVersion", number), ("@parent", parent.Name), ("@parentVersion", parent.Version)).ConfigureAwait(false);
            }

            await AuditChain.AppendAsync(connection, transaction, user, "dataset.add", $"{name}:{number.ToString(CultureInfo.InvariantCulture)}", new Dictionary<string, string>
            {
                ["contentHash"] = contentHash,
                ["rows"] = table.RowCount.ToString(CultureInfo.InvariantCulture),
                ["source"] = provenance.Source?.FileName ?? provenance.Transform?.Kind ?? string.Empty,
            }, cancellationToken).ConfigureAwait(false);
            return ((DatasetVersion?)null, number);
        }, cancellationToken).ConfigureAwait(false);
        if (raced is not null)
        {
            return new DatasetAddResult(raced, Created: false);
        }

        var version = new DatasetVersion(name, next, contentHash, artifact.Hash, artifact.Size, table.RowCount, table.Schema, roles, provenance,
            [.. resolvedParents.Select(p => p.Ref)], now, user);
        return new DatasetAddResult(version, Created: true);
    }

    /// <summary>Every dataset with its latest version, by name.</summary>
    public async Task<IReadOnlyList<DatasetSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT v.name, v.version, c.n, v.row_count, v.column_count, v.created_at
            FROM dataset_versions v
            JOIN (SELECT name, MAX(version) AS latest, COUNT(*) AS n FROM dataset_versions GROUP BY name) c
              ON c.name = v.name AND c.latest = v.version
            ORDER BY v.name
            """;
        var result = new List<DatasetSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new DatasetSummary(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), StoreTime.Parse(reader.GetString(5))));
        }

        return result;
    }

    /// <summary>All versions of a dataset, oldest first; <see cref="ErrorCode.NotFound"/> when there is no such dataset.</summary>
    public async Task<IReadOnlyList<DatasetVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken = default)
    {
        Names.Validate(name, "dataset");
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var versions = await QueryVersionsAsync(connection, null, "v.name = @name", cancellationToken, ("@name", name)).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            throw await NotFoundAsync(connection, new DatasetRef(name, null), cancellationToken).ConfigureAwait(false);
        }

        return versions;
    }

    /// <summary>The version a reference names (the latest when it has no version); <see cref="ErrorCode.NotFound"/> listing what exists.</summary>
    public async Task<DatasetVersion> GetVersionAsync(DatasetRef reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var versions = reference.Version is { } v
            ? await QueryVersionsAsync(connection, null, "v.name = @name AND v.version = @version", cancellationToken, ("@name", reference.Name), ("@version", v)).ConfigureAwait(false)
            : await QueryVersionsAsync(connection, null, "v.name = @name AND v.version = (SELECT MAX(version) FROM dataset_versions WHERE name = @name)", cancellationToken, ("@name", reference.Name)).ConfigureAwait(false);
        return versions.Count == 1 ? versions[0] : throw await NotFoundAsync(connection, reference, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the reference names a stored version.</summary>
    public async Task<bool> ExistsAsync(DatasetRef reference, CancellationToken cancellationToken = default)
    {
        try
        {
            await GetVersionAsync(reference, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (LatentOpsException ex) when (ex.Code == ErrorCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Loads a version's table from the artifact store.</summary>
    public async Task<Table> LoadTableAsync(DatasetRef reference, CancellationToken cancellationToken = default)
    {
        var version = await GetVersionAsync(reference, cancellationToken).ConfigureAwait(false);
        return await LoadTableAsync(version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads a version's table from the artifact store.</summary>
    public async Task<Table> LoadTableAsync(DatasetVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!_artifacts.Exists(version.ArtifactHash))
        {
            throw LatentOpsException.InvalidState(
                $"Dataset {version.Ref} is recorded but its Parquet file {version.ArtifactHash} is missing from '{_artifacts.Root}'. Restore the artifacts folder from a backup.");
        }

        return await TableParquet.ReadAsync(_artifacts.GetPath(version.ArtifactHash), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The versions a version was derived from and derived into, transitively.</summary>
    public async Task<DatasetLineage> GetLineageAsync(DatasetRef reference, CancellationToken cancellationToken = default)
    {
        var version = await GetVersionAsync(reference, cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var ancestors = await WalkAsync(connection, version.Ref, up: true, cancellationToken).ConfigureAwait(false);
        var descendants = await WalkAsync(connection, version.Ref, up: false, cancellationToken).ConfigureAwait(false);
        return new DatasetLineage(version.Ref, ancestors, descendants);
    }

    /// <summary>The versions directly derived from <paramref name="reference"/> (e.g. the parts of a split).</summary>
    public async Task<IReadOnlyList<DatasetVersion>> GetChildrenAsync(DatasetRef reference, CancellationToken cancellationToken = default)
    {
        var version = await GetVersionAsync(reference, cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await QueryVersionsAsync(connection, null,
            "EXISTS (SELECT 1 FROM dataset_lineage l WHERE l.child_name = v.name AND l.child_version = v.version AND l.parent_name = @name AND l.parent_version = @version)",
            cancellationToken, ("@name", version.Name), ("@version", version.Version)).ConfigureAwait(false);
    }

    /// <summary>
    /// When <paramref name="version"/> is a part of a split, the part it should be checked against for
    /// leakage (the train part with the test part, any other part with the train part); otherwise null.
    /// </summary>
    public async Task<DatasetVersion?> GetSplitSiblingAsync(DatasetVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Provenance.Transform is not { Kind: "split" } transform || version.Parents.Count != 1
            || !transform.Parameters.TryGetValue("split", out var splitId) || !transform.Parameters.TryGetValue("part", out var part))
        {
            return null;
        }

        var siblings = (await GetChildrenAsync(version.Parents[0], cancellationToken).ConfigureAwait(false))
            .Where(v => v.Provenance.Transform is { Kind: "split" } t && t.Parameters.GetValueOrDefault("split") == splitId && !(v.Name == version.Name && v.Version == version.Version));
        var wanted = part == "train" ? "test" : "train";
        return siblings.FirstOrDefault(v => v.Provenance.Transform!.Parameters.GetValueOrDefault("part") == wanted);
    }

    private async Task<List<LineageEdge>> WalkAsync(DbConnection connection, DatasetRef start, bool up, CancellationToken cancellationToken)
    {
        var edges = new List<LineageEdge>();
        var seen = new HashSet<(string, int)> { (start.Name, start.Version!.Value) };
        var frontier = new Queue<DatasetRef>([start]);
        while (frontier.Count > 0)
        {
            var current = frontier.Dequeue();
            await using var command = connection.CreateCommand();
            command.CommandText = up
                ? "SELECT parent_name, parent_version, child_name, child_version FROM dataset_lineage WHERE child_name = @name AND child_version = @version ORDER BY parent_name, parent_version"
                : "SELECT parent_name, parent_version, child_name, child_version FROM dataset_lineage WHERE parent_name = @name AND parent_version = @version ORDER BY child_name, child_version";
            AddParameter(command, "@name", current.Name);
            AddParameter(command, "@version", current.Version);
            var found = new List<(DatasetRef Parent, DatasetRef Child)>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    found.Add((new DatasetRef(reader.GetString(0), reader.GetInt32(1)), new DatasetRef(reader.GetString(2), reader.GetInt32(3))));
                }
            }

            foreach (var (parent, child) in found)
            {
                var childVersion = (await QueryVersionsAsync(connection, null, "v.name = @name AND v.version = @version", cancellationToken, ("@name", child.Name), ("@version", child.Version)).ConfigureAwait(false))[0];
                edges.Add(new LineageEdge(parent, child, childVersion.Provenance.Transform));
                var next = up ? parent : child;
                if (seen.Add((next.Name, next.Version!.Value)))
                {
                    frontier.Enqueue(next);
                }
            }
        }

        return edges;
    }

    private async Task<DatasetVersion?> FindByContentAsync(string name, string contentHash, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FindByContentAsync(connection, null, name, contentHash, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DatasetVersion?> FindByContentAsync(DbConnection connection, DbTransaction? transaction, string name, string contentHash, CancellationToken cancellationToken)
    {
        var found = await QueryVersionsAsync(connection, transaction, "v.name = @name AND v.content_hash = @content", cancellationToken, ("@name", name), ("@content", contentHash)).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    private static async Task<List<DatasetVersion>> QueryVersionsAsync(DbConnection connection, DbTransaction? transaction, string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var rows = new List<(DatasetVersion Version, string Schema, string Provenance)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"""
                SELECT v.name, v.version, v.content_hash, v.artifact_hash, v.artifact_size, v.row_count, v.schema_json,
                       v.label_column, v.time_column, v.id_column, v.provenance_json, v.created_at, v.created_by
                FROM dataset_versions v WHERE {where} ORDER BY v.name, v.version
                """;
            foreach (var (name, value) in parameters)
            {
                AddParameter(command, name, value);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var roles = new DatasetRoles(StoreSql.NullableString(reader, 7), StoreSql.NullableString(reader, 8), StoreSql.NullableString(reader, 9));
                var schema = JsonSerializer.Deserialize<ColumnSchema[]>(reader.GetString(6), LatentOpsJson.Compact)!;
                var provenance = JsonSerializer.Deserialize<DatasetProvenance>(reader.GetString(10), LatentOpsJson.Compact)!;
                rows.Add((new DatasetVersion(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt32(5),
                    schema, roles, provenance, [], StoreTime.Parse(reader.GetString(11)), reader.GetString(12)), string.Empty, string.Empty));
            }
        }

        var result = new List<DatasetVersion>(rows.Count);
        foreach (var (version, _, _) in rows)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT parent_name, parent_version FROM dataset_lineage WHERE child_name = @name AND child_version = @version ORDER BY parent_name, parent_version";
            AddParameter(command, "@name", version.Name);
            AddParameter(command, "@version", version.Version);
            var parents = new List<DatasetRef>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    parents.Add(new DatasetRef(reader.GetString(0), reader.GetInt32(1)));
                }
            }

            result.Add(version with { Parents = parents });
        }

        return result;
    }

    private static async Task<LatentOpsException> NotFoundAsync(DbConnection connection, DatasetRef reference, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM dataset_versions WHERE name = @name ORDER BY version";
        AddParameter(command, "@name", reference.Name);
        var versions = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                versions.Add(reader.GetInt32(0));
            }
        }

        if (versions.Count == 0)
        {
            await using var names = connection.CreateCommand();
            names.CommandText = "SELECT name FROM datasets ORDER BY name";
            var known = new List<string>();
            await using (var reader = await names.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    known.Add(reader.GetString(0));
                }
            }

            var hint = known.Count == 0 ? "The workspace has no datasets yet: add one with 'latentops data ingest PATH --name NAME'." : $"Datasets: {string.Join(", ", known.Take(20))}{(known.Count > 20 ? ", ..." : string.Empty)}.";
            return LatentOpsException.NotFound($"There is no dataset '{reference.Name}'. {hint}");
        }

        return LatentOpsException.NotFound($"Dataset '{reference.Name}' has no version {reference.Version}. Versions: {string.Join(", ", versions)}.");
    }

    private static void CheckRoles(Table table, DatasetRoles roles)
    {
        foreach (var (role, column) in new[] { ("label", roles.Label), ("time", roles.Time), ("id", roles.Id) })
        {
            if (column is not null && !table.Contains(column))
            {
                throw LatentOpsException.InvalidInput($"The {role} column '{column}' is not in the table. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
            }
        }
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
