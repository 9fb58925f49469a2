using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Store.Artifacts;
using LatentOps.Store.Audit;
using LatentOps.Store.Database;
using Parquet;
using Parquet.Schema;

namespace LatentOps.Store.Features;

/// <summary>
/// The feature store on the metadata database and the artifact store. Vectors are stored as float32
/// little-endian bytes (BLOB on SQLite, BYTEA on PostgreSQL); similarity search is exact, with SIMD
/// cosine in this process over the entities' latest vectors (pgvector is not used: see docs/store.md).
/// </summary>
internal sealed class FeatureStore(IMetadataDatabase database, ArtifactStore artifacts, string actor) : IFeatureStore
{
    private const int MaxDimension = 65_536;

    public async Task<FeatureSet> MaterializeAsync(string model, int modelVersion, IReadOnlyList<EmbeddingRow> rows, CancellationToken cancellationToken = default)
    {
        Names.Validate(model, "model");
        ArgumentNullException.ThrowIfNull(rows);
        var dimension = Validate(model, modelVersion, rows);
        var artifact = await artifacts.PutWithWriterAsync((path, ct) => WriteParquetAsync(path, model, modelVersion, dimension, rows, ct), cancellationToken).ConfigureAwait(false);
        return await StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            var now = StoreTime.Format(DateTimeOffset.UtcNow);
            var id = StoreSql.Long(await StoreSql.ScalarAsync(connection, transaction,
                "INSERT INTO feature_sets(model_name, model_version, dimension, row_count, artifact_hash, created_at, created_by) VALUES (@m, @v, @d, @n, @hash, @now, @actor) RETURNING feature_set_id",
                cancellationToken, ("m", model), ("v", modelVersion), ("d", dimension), ("n", rows.Count), ("hash", artifact.Hash), ("now", now), ("actor", actor)).ConfigureAwait(false));
            await using (var insert = StoreSql.Command(connection, transaction,
                """
                INSERT INTO feature_vectors(model_name, model_version, entity_id, event_time, feature_set_id, vector) VALUES (@m, @v, @e, @t, @fs, @vec)
                ON CONFLICT (model_name, model_version, entity_id, event_time) DO UPDATE SET feature_set_id = excluded.feature_set_id, vector = excluded.vector
                """,
                ("m", model), ("v", modelVersion), ("e", string.Empty), ("t", string.Empty), ("fs", id), ("vec", Array.Empty<byte>())))
            {
                foreach (var row in rows)
                {
                    insert.Parameters[2].Value = row.EntityId;
                    insert.Parameters[3].Value = StoreTime.Format(row.EventTime);
                    insert.Parameters[5].Value = ToBytes(row.Vector);
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await AuditChain.AppendAsync(connection, transaction, actor, "features.materialize", $"{model}:{modelVersion.ToString(CultureInfo.InvariantCulture)}",
                new Dictionary<string, string> { ["rows"] = rows.Count.ToString(CultureInfo.InvariantCulture), ["dimension"] = dimension.ToString(CultureInfo.InvariantCulture), ["artifact"] = artifact.Hash },
                cancellationToken).ConfigureAwait(false);
            return new FeatureSet(id, model, modelVersion, dimension, rows.Count, artifact.Hash, StoreTime.Parse(now), actor);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<FeatureSet>> ListFeatureSetsAsync(string? model = null, CancellationToken cancellationToken = default) =>
        StoreSql.ReadAsync<IReadOnlyList<FeatureSet>>(database, async connection => await StoreSql.QueryAsync(connection, null,
            "SELECT feature_set_id, model_name, model_version, dimension, row_count, artifact_hash, created_at, created_by FROM feature_sets WHERE (@m = '' OR model_name = @m) ORDER BY feature_set_id DESC",
            r => new FeatureSet(StoreSql.Long(r, 0), r.GetString(1), StoreSql.Int(r, 2), StoreSql.Int(r, 3), StoreSql.Int(r, 4), r.GetString(5), StoreTime.Parse(r.GetString(6)), r.GetString(7)),
            cancellationToken, ("m", model ?? string.Empty)).ConfigureAwait(false), cancellationToken);

    public Task<EmbeddingRow?> GetAsync(string model, int modelVersion, string entityId, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default) =>
        StoreSql.ReadAsync(database, async connection =>
        {
            var rows = await StoreSql.QueryAsync(connection, null,
                """
                SELECT entity_id, event_time, vector FROM feature_vectors
                WHERE model_name = @m AND model_version = @v AND entity_id = @e AND event_time <= @t
                ORDER BY event_time DESC LIMIT 1
                """,
                MapRow, cancellationToken, ("m", model), ("v", modelVersion), ("e", entityId), ("t", StoreTime.Format(asOf ?? DateTimeOffset.UtcNow))).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken);

    public async Task<IReadOnlyList<Neighbour>> SimilarAsync(string model, int modelVersion, string entityId, int k = 10, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        ValidateK(k);
        var latest = await LatestVectorsAsync(model, modelVersion, asOf, cancellationToken).ConfigureAwait(false);
        var index = latest.FindIndex(r => r.EntityId == entityId);
        if (index < 0)
        {
            throw LatentOpsException.NotFound(
                $"Entity '{entityId}' has no embedding from {model}:{modelVersion}" + (asOf is { } t ? $" at or before {StoreTime.Format(t)}" : string.Empty) +
                ". Materialise it first (latentops embed).");
        }

        return Search(latest, latest[index].Vector, k, index);
    }

    public async Task<IReadOnlyList<Neighbour>> SimilarToVectorAsync(string model, int modelVersion, float[] query, int k = 10, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ValidateK(k);
        var latest = await LatestVectorsAsync(model, modelVersion, asOf, cancellationToken).ConfigureAwait(false);
        return latest.Count == 0 ? [] : Search(latest, query, k, -1);
    }

    private static List<Neighbour> Search(List<EmbeddingRow> rows, float[] query, int k, int exclude)
    {
        var dimension = rows[0].Vector.Length;
        var matrix = new float[rows.Count * dimension];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Vector.CopyTo(matrix, i * dimension);
        }

        var index = new ExactCosineIndex(matrix, rows.Count, dimension);
        return index.Search(query, k, exclude).Select(h => new Neighbour(rows[h.Index].EntityId, h.Similarity, rows[h.Index].EventTime)).ToList();
    }

    private Task<List<EmbeddingRow>> LatestVectorsAsync(string model, int modelVersion, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        Names.Validate(model, "model");
        return StoreSql.ReadAsync(database, async connection =>
        {
            var latest = new List<EmbeddingRow>();
            await using var command = StoreSql.Command(connection, null,
                "SELECT entity_id, event_time, vector FROM feature_vectors WHERE model_name = @m AND model_version = @v AND event_time <= @t ORDER BY entity_id, event_time",
                ("m", model), ("v", modelVersion), ("t", StoreTime.Format(asOf ?? DateTimeOffset.UtcNow)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = MapRow(reader);
                if (latest.Count > 0 && latest[^1].EntityId == row.EntityId)
                {
                    latest[^1] = row;
                }
                else
                {
                    latest.Add(row);
                }
            }

            return latest;
        }, cancellationToken);
    }

    private static EmbeddingRow MapRow(DbDataReader r) => new(r.GetString(0), StoreTime.Parse(r.GetString(1)), FromBytes((byte[])r.GetValue(2)));

    private static byte[] ToBytes(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    private static float[] FromBytes(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();

    private static void ValidateK(int k)
    {
        if (k is < 1 or > 10_000)
        {
            throw LatentOpsException.InvalidInput($"k = {k} is out of range: use 1 to 10000 neighbours.");
        }
    }

    private static int Validate(string model, int modelVersion, IReadOnlyList<EmbeddingRow> rows)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The feature store stores vectors as little-endian float32.");
        }

        if (modelVersion < 1)
        {
            throw LatentOpsException.InvalidInput($"Model version {modelVersion} of '{model}' is invalid: versions start at 1.");
        }

        if (rows.Count == 0)
        {
            throw LatentOpsException.InvalidInput($"No embeddings to materialise for {model}:{modelVersion}.");
        }

        var dimension = rows[0].Vector?.Length ?? 0;
        if (dimension is < 1 or > MaxDimension)
        {
            throw LatentOpsException.InvalidInput($"Row 0 (entity '{rows[0].EntityId}') has a vector of {dimension} dimensions; allowed 1 to {MaxDimension}.");
        }

        var seen = new HashSet<(string, DateTimeOffset)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (string.IsNullOrEmpty(row.EntityId))
            {
                throw LatentOpsException.InvalidInput($"Row {i} has an empty entity id.");
            }

            if (row.Vector is null || row.Vector.Length != dimension)
            {
                throw LatentOpsException.InvalidInput($"Row {i} (entity '{row.EntityId}') has {row.Vector?.Length ?? 0} dimensions; row 0 has {dimension}: all vectors of one materialisation have the same length.");
            }

            var bad = Array.FindIndex(row.Vector, v => !float.IsFinite(v));
            if (bad >= 0)
            {
                throw LatentOpsException.InvalidInput($"Row {i} (entity '{row.EntityId}') has a non-finite value ({row.Vector[bad].ToString(CultureInfo.InvariantCulture)}) at dimension {bad}.");
            }

            if (!seen.Add((row.EntityId, row.EventTime.ToUniversalTime())))
            {
                throw LatentOpsException.InvalidInput($"Row {i} repeats entity '{row.EntityId}' at event time {StoreTime.Format(row.EventTime)}; each (entity, event time) appears once.");
            }
        }

        return dimension;
    }

    private static async Task WriteParquetAsync(string path, string model, int modelVersion, int dimension, IReadOnlyList<EmbeddingRow> rows, CancellationToken cancellationToken)
    {
        var entity = new DataField<string>("entity_id", false);
        var time = new DataField<DateTime>("event_time", false);
        var modelField = new DataField<string>("model", false);
        var vectorFields = Enumerable.Range(0, dimension).Select(j => new DataField<float>($"e{j.ToString(CultureInfo.InvariantCulture)}", false)).ToArray();
        var schema = new ParquetSchema([entity, time, modelField, .. vectorFields]);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(entity, rows.Select(r => r.EntityId).ToList(), null).ConfigureAwait(false);
        await group.WriteAsync<DateTime>(time, rows.Select(r => r.EventTime.UtcDateTime).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
        var reference = $"{model}:{modelVersion.ToString(CultureInfo.InvariantCulture)}";
        await group.WriteAsync(modelField, rows.Select(_ => reference).ToList(), null).ConfigureAwait(false);
        var column = new float[rows.Count];
        for (var j = 0; j < dimension; j++)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                column[i] = rows[i].Vector[j];
            }

            await group.WriteAsync<float>(vectorFields[j], column, null, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
