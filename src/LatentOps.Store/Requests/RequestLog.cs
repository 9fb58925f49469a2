using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using LatentOps.Core.Errors;
using LatentOps.Store.Database;

namespace LatentOps.Store.Requests;

/// <summary>
/// The request log (tables <c>request_log</c> and <c>feedback</c>): what the server answered, with
/// personal data redacted before it gets here, and the true labels that arrive later through
/// <c>POST /v1/feedback</c>. Monitoring reads windows of it (by time or by count).
/// </summary>
public sealed class RequestLog(IMetadataDatabase database)
{
    private const string Columns = "request_id, at, model, version, endpoint, row_count, inputs, outputs, latency_ms";
    private const int ChunkSize = 500;

    /// <summary>Appends requests in one transaction; a request id already logged is left as it is (so a retried batch is harmless).</summary>
    public Task AppendAsync(IReadOnlyList<LoggedRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return AppendAsync(
            [.. requests.Select(r => new RequestLogEntry(r.RequestId, r.At, r.Model, r.Version, r.Endpoint, r.RowCount, Encoding.UTF8.GetBytes(r.Inputs), Encoding.UTF8.GetBytes(r.Outputs), r.LatencyMs))],
            cancellationToken);
    }

    /// <summary>
    /// Appends requests whose inputs and outputs are UTF-8 JSON in one transaction, with one prepared
    /// insert re-bound per request; a request id already logged is left as it is.
    /// </summary>
    public Task AppendAsync(IReadOnlyList<RequestLogEntry> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var request in requests)
        {
            if (request.Endpoint is not ("predict" or "embed"))
            {
                throw new ArgumentException($"Endpoint '{request.Endpoint}' is not predict or embed.", nameof(requests));
            }

            if (request.RowCount < 1)
            {
                throw new ArgumentException($"Request {request.RequestId} has {request.RowCount} rows; at least 1 is needed.", nameof(requests));
            }
        }

        // The JSON goes in as UTF-8 bytes and the database turns it into text (SQLite: CAST, PostgreSQL:
        // convert_from, which also checks the encoding): no UTF-16 string of a large request.
        var text = database.Dialect == StoreDialect.Sqlite ? "CAST({0} AS TEXT)" : "convert_from({0}, 'UTF8')";
        var sql = $"INSERT INTO request_log({Columns}) VALUES (@id, @at, @model, @version, @endpoint, @rows, {string.Format(CultureInfo.InvariantCulture, text, "@inputs")}, {string.Format(CultureInfo.InvariantCulture, text, "@outputs")}, @latency) ON CONFLICT (request_id) DO NOTHING";
        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            await using var insert = StoreSql.Command(
                connection,
                transaction,
                sql,
                ("@id", string.Empty),
                ("@at", string.Empty),
                ("@model", string.Empty),
                ("@version", 0),
                ("@endpoint", string.Empty),
                ("@rows", 0),
                ("@inputs", Array.Empty<byte>()),
                ("@outputs", Array.Empty<byte>()),
                ("@latency", 0.0));
            var p = insert.Parameters;
            if (requests.Count > 1)
            {
                await insert.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var r in requests)
            {
                p[0].Value = r.RequestId;
                p[1].Value = StoreTime.Format(r.At);
                p[2].Value = r.Model;
                p[3].Value = r.Version;
                p[4].Value = r.Endpoint;
                p[5].Value = r.RowCount;
                p[6].Value = Exact(r.Inputs);
                p[7].Value = Exact(r.Outputs);
                p[8].Value = r.LatencyMs;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken);
    }

    /// <summary>The bytes as an array of exactly their length (the array itself when the memory is one).</summary>
    private static byte[] Exact(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : bytes.ToArray();

    /// <summary>The requests matching <paramref name="query"/>, oldest first.</summary>
    public Task<IReadOnlyList<LoggedRequest>> ListAsync(RequestLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Last is < 1)
        {
            throw LatentOpsException.InvalidInput($"The request window is {query.Last} requests; allowed: 1 or more.");
        }

        var where = "model = @model";
        var parameters = new List<(string, object?)> { ("@model", query.Model) };
        if (query.Version is { } version)
        {
            where += " AND version = @version";
            parameters.Add(("@version", version));
        }

        if (query.Since is { } since)
        {
            where += " AND at >= @since";
            parameters.Add(("@since", StoreTime.Format(since)));
        }

        if (query.Until is { } until)
        {
            where += " AND at < @until";
            parameters.Add(("@until", StoreTime.Format(until)));
        }

        var sql = $"SELECT {Columns} FROM request_log WHERE {where} ORDER BY at DESC, request_id DESC" + (query.Last is { } last ? $" LIMIT {last.ToString(CultureInfo.InvariantCulture)}" : string.Empty);
        return StoreSql.ReadAsync<IReadOnlyList<LoggedRequest>>(database, async connection =>
        {
            var rows = await StoreSql.QueryAsync(connection, null, sql, Read, cancellationToken, [.. parameters]).ConfigureAwait(false);
            rows.Reverse();
            return rows;
        }, cancellationToken);
    }

    /// <summary>The logged requests with these ids (unknown ids are simply absent).</summary>
    public Task<IReadOnlyList<LoggedRequest>> FindAsync(IReadOnlyCollection<string> requestIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        return StoreSql.ReadAsync<IReadOnlyList<LoggedRequest>>(database, async connection =>
        {
            var all = new List<LoggedRequest>();
            foreach (var chunk in requestIds.Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
            {
                var names = chunk.Select((_, i) => $"@p{i.ToString(CultureInfo.InvariantCulture)}").ToArray();
                all.AddRange(await StoreSql.QueryAsync(
                    connection,
                    null,
                    $"SELECT {Columns} FROM request_log WHERE request_id IN ({string.Join(", ", names)})",
                    Read,
                    cancellationToken,
                    [.. chunk.Select((id, i) => (names[i], (object?)id))]).ConfigureAwait(false));
            }

            return all;
        }, cancellationToken);
    }

    /// <summary>
    /// Stores true labels (a later label for the same row replaces the earlier one), all or none:
    /// <see cref="ErrorCode.NotFound"/> naming the unknown request ids, <see cref="ErrorCode.InvalidInput"/>
    /// naming the item whose row index is out of range or whose label is empty.
    /// </summary>
    /// <returns>How many labels were stored.</returns>
    public Task<int> AddFeedbackAsync(IReadOnlyList<FeedbackLabel> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            throw LatentOpsException.InvalidInput("'labels' is empty; give at least one {\"requestId\", \"row\", \"label\"}.");
        }

        for (var i = 0; i < labels.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(labels[i].Label))
            {
                throw LatentOpsException.InvalidInput($"labels[{i}].label is empty; give the true class name.");
            }

            if (labels[i].Label.Length > 1000)
            {
                throw LatentOpsException.InvalidInput($"labels[{i}].label has {labels[i].Label.Length} characters; allowed: at most 1000.");
            }

            if (labels[i].Row < 0)
            {
                throw LatentOpsException.InvalidInput($"labels[{i}].row is {labels[i].Row}; allowed: 0 or more.");
            }
        }

        var now = StoreTime.Format(DateTimeOffset.UtcNow);
        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            var known = await RowCountsAsync(connection, transaction, labels.Select(l => l.RequestId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
            var unknown = labels.Select(l => l.RequestId).Where(id => !known.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                throw LatentOpsException.NotFound($"No logged request has the id {string.Join(", ", unknown.Take(5).Select(u => $"'{u}'"))}{(unknown.Count > 5 ? $" (and {unknown.Count - 5} more)" : string.Empty)}; feedback refers to the requestId a predict or embed answer returned.");
            }

            for (var i = 0; i < labels.Count; i++)
            {
                var rows = known[labels[i].RequestId];
                if (labels[i].Row >= rows)
                {
                    throw LatentOpsException.InvalidInput($"labels[{i}].row is {labels[i].Row}, but request '{labels[i].RequestId}' had {rows} row(s); allowed: 0 to {rows - 1}.");
                }

                await StoreSql.ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO feedback(request_id, row_index, label, at) VALUES (@id, @row, @label, @at) ON CONFLICT (request_id, row_index) DO UPDATE SET label = excluded.label, at = excluded.at",
                    cancellationToken,
                    ("@id", labels[i].RequestId),
                    ("@row", labels[i].Row),
                    ("@label", labels[i].Label),
                    ("@at", now)).ConfigureAwait(false);
            }

            return labels.Count;
        }, cancellationToken);
    }

    /// <summary>The feedback labels of the given requests.</summary>
    public Task<IReadOnlyList<LabelledRow>> ListFeedbackAsync(IReadOnlyCollection<string> requestIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        return StoreSql.ReadAsync<IReadOnlyList<LabelledRow>>(database, async connection =>
        {
            var all = new List<LabelledRow>();
            foreach (var chunk in requestIds.Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
            {
                var names = chunk.Select((_, i) => $"@p{i.ToString(CultureInfo.InvariantCulture)}").ToArray();
                all.AddRange(await StoreSql.QueryAsync(
                    connection,
                    null,
                    $"SELECT request_id, row_index, label, at FROM feedback WHERE request_id IN ({string.Join(", ", names)}) ORDER BY request_id, row_index",
                    reader => new LabelledRow(reader.GetString(0), StoreSql.Int(reader, 1), reader.GetString(2), StoreTime.Parse(reader.GetString(3))),
                    cancellationToken,
                    [.. chunk.Select((id, i) => (names[i], (object?)id))]).ConfigureAwait(false));
            }

            return all;
        }, cancellationToken);
    }

    private static async Task<Dictionary<string, int>> RowCountsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            var names = chunk.Select((_, i) => $"@p{i.ToString(CultureInfo.InvariantCulture)}").ToArray();
            foreach (var (id, rows) in await StoreSql.QueryAsync(
                connection,
                transaction,
                $"SELECT request_id, row_count FROM request_log WHERE request_id IN ({string.Join(", ", names)})",
                reader => (reader.GetString(0), StoreSql.Int(reader, 1)),
                cancellationToken,
                [.. chunk.Select((id, i) => (names[i], (object?)id))]).ConfigureAwait(false))
            {
                counts[id] = rows;
            }
        }

        return counts;
    }

    private static LoggedRequest Read(DbDataReader reader) => new(
        reader.GetString(0),
        StoreTime.Parse(reader.GetString(1)),
        reader.GetString(2),
        StoreSql.Int(reader, 3),
        reader.GetString(4),
        StoreSql.Int(reader, 5),
        reader.GetString(6),
        reader.GetString(7),
        Convert.ToDouble(reader.GetValue(8), CultureInfo.InvariantCulture));
}
