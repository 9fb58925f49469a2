using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using LatentOps.Core.Tables;
using LatentOps.Data.Pii;
using LatentOps.Serving.Metrics;
using LatentOps.Store.Requests;
using Microsoft.Extensions.Logging;

namespace LatentOps.Serving.RequestLogging;

/// <summary>
/// Writes served requests to the request log in the background. <see cref="TryLog"/> never blocks and
/// never throws: when the bounded queue is full, or a write fails, the request is dropped and counted
/// (<c>latentops_request_log_dropped_total{reason}</c>). A request's rows arrive as sent
/// (<see cref="Inference.LoggableRows"/>): logged verbatim when the encoder found only model inputs
/// and training categories free of personal data, otherwise rewritten by the writer with string inputs
/// redacted by <see cref="PiiDetector"/> (through <see cref="RedactionCache"/>) before anything
/// reaches the database. It writes up to
/// <see cref="RequestLogOptions.MaxWriteBatch"/> requests per transaction.
/// </summary>
internal sealed class RequestLogger : IAsyncDisposable
{
    private readonly RequestLog _log;
    private readonly RequestLogOptions _options;
    private readonly ServingMetrics _metrics;
    private readonly ILogger<RequestLogger> _logger;
    private readonly Channel<PendingRequest> _queue;
    private readonly Task _writer;
    private readonly CancellationTokenSource _stop = new();
    /// <summary>How long the writer waits after the first queued request for more to share its transaction.</summary>
    private static readonly TimeSpan WriteLinger = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// A transaction stops taking requests once their inputs reach this size, so that one write (and the
    /// CPU it takes from request threads on a small machine) stays short even for large requests.
    /// </summary>
    private const long MaxTransactionBytes = 4L * 1024 * 1024;

    private readonly RedactionCache _redaction = new(); // only the writer loop uses it
    private Func<string, string>? _redact;
    private long _enqueued;
    private long _queuedBytes; // inputs waiting in the queue: the queue is bounded by bytes as well as by count
    private long _done;

    public RequestLogger(RequestLog log, ServerOptions options, ServingMetrics metrics, ILogger<RequestLogger> logger)
    {
        _log = log;
        _options = options.RequestLog;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingRequest>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with Wait, TryWrite returns false when full: the drop is seen and counted
            SingleReader = true,
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>
    /// Whether the next request is logged (sampling at <see cref="RequestLogOptions.SampleRate"/>). Asked
    /// before the request is read, so a request that is not logged costs nothing more.
    /// </summary>
    public bool ShouldSample() =>
        _options.Enabled && (_options.SampleRate >= 1 || (_options.SampleRate > 0 && Random.Shared.NextDouble() < _options.SampleRate));

    /// <summary>Queues a sampled request (see <see cref="ShouldSample"/>) for the log; false when the queue is full (dropped and counted).</summary>
    public bool TryLog(PendingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = request.Inputs.Bytes;
        if (Interlocked.Add(ref _queuedBytes, size) <= _options.MaxQueuedBytes && _queue.Writer.TryWrite(request))
        {
            Interlocked.Increment(ref _enqueued);
            _metrics.RequestLogQueueDepth.Set(_queue.Reader.Count);
            return true;
        }

        Interlocked.Add(ref _queuedBytes, -size);
        _metrics.RequestLogDropped.WithLabels("queue_full").Inc();
        return false;
    }

    /// <summary>Waits until everything queued before the call has been written or dropped (used by feedback for ids not yet written).</summary>
    public async Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        var deadline = DateTime.UtcNow + timeout;
        while (Interlocked.Read(ref _done) < target && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingRequest>(_options.MaxWriteBatch);
        while (await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            if (_queue.Reader.Count < _options.MaxWriteBatch && !_queue.Reader.Completion.IsCompleted)
            {
                // Let a few more requests arrive: one transaction per request would cost more than the request.
                await Task.Delay(WriteLinger, _stop.Token).ConfigureAwait(false);
            }

            batch.Clear();
            var bytes = 0L;
            while (batch.Count < _options.MaxWriteBatch && bytes < MaxTransactionBytes && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
                bytes += item.Inputs.Bytes;
            }

            Interlocked.Add(ref _queuedBytes, -bytes);

            _metrics.RequestLogQueueDepth.Set(_queue.Reader.Count);
            try
            {
                var rows = new List<RequestLogEntry>(batch.Count);
                foreach (var item in batch)
                {
                    rows.Add(ToLogged(item));
                }

                await _log.AppendAsync(rows, _stop.Token).ConfigureAwait(false);
                _metrics.RequestLogWritten.Inc(batch.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _metrics.RequestLogDropped.WithLabels("write_failed").Inc(batch.Count);
                _logger.LogWarning(ex, "Dropped {Count} request log entries: the write failed.", batch.Count);
            }
            finally
            {
                Interlocked.Add(ref _done, batch.Count);
            }
        }
    }

    private RequestLogEntry ToLogged(PendingRequest request) => new(
        request.RequestId,
        request.At,
        request.Model,
        request.Version,
        request.Endpoint,
        request.Inputs.RowCount,
        request.Inputs.ToLogUtf8(_redact ??= _redaction.Redact),
        request.OutputsJson(),
        request.LatencyMs);

    /// <summary>Typed rows as a JSON array of objects by column name (missing values as null), the shape a request sends and the log keeps.</summary>
    internal static string RowsJson(Table table)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + (table.RowCount * table.Columns.Count * 24));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var r = 0; r < table.RowCount; r++)
            {
                json.WriteStartObject();
                foreach (var column in table.Columns)
                {
                    json.WritePropertyName(column.Name);
                    switch (column)
                    {
                        case NumericColumn numbers when numbers.IsMissing(r):
                            json.WriteNullValue();
                            break;
                        case NumericColumn numbers when numbers.Type == ColumnType.Boolean:
                            json.WriteBooleanValue(numbers[r] != 0);
                            break;
                        case NumericColumn numbers:
                            json.WriteNumberValue(numbers[r]);
                            break;
                        case DateTimeColumn dates when dates[r] is { } date:
                            json.WriteStringValue(date.ToString("O", CultureInfo.InvariantCulture));
                            break;
                        case StringColumn strings when strings[r] is { } text:
                            json.WriteStringValue(text);
                            break;
                        default:
                            json.WriteNullValue();
                            break;
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
