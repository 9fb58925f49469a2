using System.Diagnostics;
using System.Threading.Channels;

namespace LatentOps.Serving.Batching;

/// <summary>
/// Groups concurrent requests into batches for one model runtime: a batch closes when it holds
/// <see cref="MicroBatchOptions.MaxBatchSize"/> rows or <see cref="MicroBatchOptions.MaxDelay"/> after
/// its first request, whichever is first. The queue is bounded; when it is full a request fails at
/// once with <see cref="QueueFullException"/> rather than growing memory.
/// </summary>
/// <typeparam name="TRequest">One request (it may carry several rows).</typeparam>
/// <typeparam name="TResponse">The answer to one request.</typeparam>
public sealed class MicroBatcher<TRequest, TResponse> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResponse>>> _process;
    private readonly Func<TRequest, int> _rowsOf;
    private readonly MicroBatchOptions _options;
    private readonly Channel<Pending> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;
    private int _depth;

    /// <summary>Starts the batcher's worker.</summary>
    /// <param name="process">Runs one batch; returns one response per request, in order.</param>
    /// <param name="rowsOf">How many rows a request carries (its weight toward the batch size).</param>
    /// <param name="options">Batch size, delay and queue capacity.</param>
    /// <param name="onBatch">Called after each batch with its row count and duration (for metrics).</param>
    public MicroBatcher(
        Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResponse>>> process,
        Func<TRequest, int> rowsOf,
        MicroBatchOptions options,
        Action<int, TimeSpan>? onBatch = null)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(rowsOf);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _process = process;
        _rowsOf = rowsOf;
        _options = options;
        OnBatch = onBatch;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Requests waiting for a batch.</summary>
    public int QueueDepth => Volatile.Read(ref _depth);

    private Action<int, TimeSpan>? OnBatch { get; }

    /// <summary>Queues a request and waits for its answer.</summary>
    /// <returns>The answer; a task failed with <see cref="QueueFullException"/> at once when the queue is full.</returns>
    public Task<TResponse> SubmitAsync(TRequest request, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(request, _rowsOf(request), cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            return Task.FromException<TResponse>(new QueueFullException(_options.QueueCapacity));
        }

        Interlocked.Increment(ref _depth);
        return pending.Completion.Task;
    }

    /// <summary>Stops taking requests, finishes the queued ones and stops the worker.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _worker.ConfigureAwait(false);
        }
        finally
        {
            _stopping.Dispose();
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(_options.MaxBatchSize);
        var carry = (Pending?)null;
        while (carry is not null || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var rows = 0;
            if (carry is not null)
            {
                batch.Add(carry);
                rows = carry.Rows;
                carry = null;
            }

            var deadline = Stopwatch.GetTimestamp() + (long)(_options.MaxDelay.TotalSeconds * Stopwatch.Frequency);
            while (rows < _options.MaxBatchSize)
            {
                if (reader.TryRead(out var next))
                {
                    Interlocked.Decrement(ref _depth);
                    if (batch.Count > 0 && rows + next.Rows > _options.MaxBatchSize)
                    {
                        carry = next; // Keep batches within the size; this one opens the next batch.
                        break;
                    }

                    batch.Add(next);
                    rows += next.Rows;
                    continue;
                }

                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                // Wait for more rows until the deadline, without a CancellationTokenSource and the exception a
                // timed-out wait would throw per batch (a wait still pending completes with the next request).
                var more = reader.WaitToReadAsync().AsTask();
                if (!more.IsCompleted && await Task.WhenAny(more, Task.Delay(remaining)).ConfigureAwait(false) != more)
                {
                    break;
                }

                if (!await more.ConfigureAwait(false))
                {
                    break;
                }
            }

            if (batch.Count > 0)
            {
                await ProcessAsync(batch, rows).ConfigureAwait(false);
            }
        }
    }

    private async Task ProcessAsync(List<Pending> batch, int rows)
    {
        // Requests whose callers gave up are dropped before the model runs.
        var live = batch.Where(p => !p.CancellationToken.IsCancellationRequested).ToList();
        foreach (var cancelled in batch.Where(p => p.CancellationToken.IsCancellationRequested))
        {
            cancelled.Completion.TrySetCanceled(cancelled.CancellationToken);
        }

        if (live.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var responses = await _process([.. live.Select(p => p.Request)], _stopping.Token).ConfigureAwait(false);
            if (responses.Count != live.Count)
            {
                throw new InvalidOperationException($"The batch function returned {responses.Count} responses for {live.Count} requests.");
            }

            for (var i = 0; i < live.Count; i++)
            {
                live[i].Completion.TrySetResult(responses[i]);
            }
        }
#pragma warning disable CA1031 // A failed batch fails its requests; the worker must keep serving the next batch.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var pending in live)
            {
                pending.Completion.TrySetException(ex);
            }
        }
        finally
        {
            OnBatch?.Invoke(rows, Stopwatch.GetElapsedTime(started));
        }
    }

    private sealed class Pending(TRequest request, int rows, CancellationToken cancellationToken)
    {
        public TRequest Request { get; } = request;

        public int Rows { get; } = rows;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<TResponse> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
