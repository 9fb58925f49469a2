using System.Collections.Concurrent;
using LatentOps.Serving.Batching;

namespace LatentOps.Serving.Tests.Batching;

public sealed class MicroBatcherTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitAsync_ConcurrentRequests_AreGroupedAndAnsweredInOrder()
    {
        var sizes = new ConcurrentBag<int>();
        await using var batcher = new MicroBatcher<int, int>(
            (batch, _) =>
            {
                sizes.Add(batch.Count);
                return Task.FromResult<IReadOnlyList<int>>([.. batch.Select(x => x * 10)]);
            },
            _ => 1,
            new MicroBatchOptions { MaxBatchSize = 16, MaxDelay = TimeSpan.FromMilliseconds(50) });

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => batcher.SubmitAsync(i, Ct)));

        Assert.Equal(Enumerable.Range(0, 64).Select(i => i * 10), answers);
        Assert.All(sizes, size => Assert.InRange(size, 1, 16));
        Assert.True(sizes.Count < 64, $"expected batching, got {sizes.Count} batches for 64 requests");
    }

    [Fact]
    public async Task SubmitAsync_RowsWeighted_BatchNeverExceedsMaxRows()
    {
        var rowsPerBatch = new ConcurrentBag<int>();
        await using var batcher = new MicroBatcher<int[], int>(
            (batch, _) =>
            {
                rowsPerBatch.Add(batch.Sum(r => r.Length));
                return Task.FromResult<IReadOnlyList<int>>([.. batch.Select(r => r.Length)]);
            },
            r => r.Length,
            new MicroBatchOptions { MaxBatchSize = 10, MaxDelay = TimeSpan.FromMilliseconds(20) });

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => batcher.SubmitAsync(new int[4], Ct)));

        Assert.All(rowsPerBatch, rows => Assert.InRange(rows, 4, 10));
    }

    [Fact]
    public async Task SubmitAsync_SingleRequest_AnsweredAfterAboutMaxDelay()
    {
        await using var batcher = new MicroBatcher<int, int>(
            (batch, _) => Task.FromResult<IReadOnlyList<int>>([.. batch]),
            _ => 1,
            new MicroBatchOptions { MaxBatchSize = 100, MaxDelay = TimeSpan.FromMilliseconds(5) });

        var answer = await batcher.SubmitAsync(7, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(7, answer);
    }

    [Fact]
    public async Task SubmitAsync_QueueFull_FailsFastWithQueueFull()
    {
        var gate = new TaskCompletionSource();
        await using var batcher = new MicroBatcher<int, int>(
            async (batch, _) =>
            {
                await gate.Task;
                return [.. batch];
            },
            _ => 1,
            new MicroBatchOptions { MaxBatchSize = 1, MaxDelay = TimeSpan.Zero, QueueCapacity = 2 });

        var first = batcher.SubmitAsync(1, Ct); // taken by the worker, blocked on the gate
        await Task.Delay(100, Ct);
        var queued = new[] { batcher.SubmitAsync(2, Ct), batcher.SubmitAsync(3, Ct) };

        await Assert.ThrowsAsync<QueueFullException>(() => batcher.SubmitAsync(4, Ct));
        gate.SetResult();
        var rest = await Task.WhenAll(queued);
        Assert.Equal(1, await first);
        Assert.Equal([2, 3], rest);
    }

    [Fact]
    public async Task SubmitAsync_BatchFunctionThrows_FailsThatBatchAndKeepsServing()
    {
        var calls = 0;
        await using var batcher = new MicroBatcher<int, int>(
            (batch, _) => Interlocked.Increment(ref calls) == 1
                ? throw new InvalidOperationException("model crashed")
                : Task.FromResult<IReadOnlyList<int>>([.. batch]),
            _ => 1,
            new MicroBatchOptions { MaxBatchSize = 1, MaxDelay = TimeSpan.Zero });

        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SubmitAsync(1, Ct));
        Assert.Equal(2, await batcher.SubmitAsync(2, Ct));
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(8, -1, 1)]
    [InlineData(8, 1, 0)]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting(int maxBatch, int delayMs, int capacity)
    {
        var options = new MicroBatchOptions { MaxBatchSize = maxBatch, MaxDelay = TimeSpan.FromMilliseconds(delayMs), QueueCapacity = capacity };

        var error = Assert.Throws<LatentOps.Core.Errors.LatentOpsException>(() => new MicroBatcher<int, int>((b, _) => Task.FromResult<IReadOnlyList<int>>([.. b]), _ => 1, options));

        Assert.Contains("allowed", error.Message, StringComparison.Ordinal);
    }
}
