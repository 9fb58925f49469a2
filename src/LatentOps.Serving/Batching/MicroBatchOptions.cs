using LatentOps.Core.Errors;

namespace LatentOps.Serving.Batching;

/// <summary>How a <see cref="MicroBatcher{TRequest,TResponse}"/> forms batches (Triton's dynamic batcher is the model).</summary>
public sealed class MicroBatchOptions
{
    /// <summary>A batch is sent once it holds this many rows.</summary>
    /// <value>The default is 256.</value>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>A batch is sent at the latest this long after its first request arrived.</summary>
    /// <value>The default is 2 milliseconds.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Requests waiting beyond this many are refused with 429 and Retry-After instead of growing memory.</summary>
    /// <value>The default is 1024.</value>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>Checks every setting.</summary>
    public void Validate()
    {
        if (MaxBatchSize is < 1 or > 65_536)
        {
            throw LatentOpsException.InvalidInput($"MaxBatchSize is {MaxBatchSize}; allowed: 1 to 65,536.");
        }

        if (MaxDelay < TimeSpan.Zero || MaxDelay > TimeSpan.FromSeconds(1))
        {
            throw LatentOpsException.InvalidInput($"MaxDelay is {MaxDelay.TotalMilliseconds} ms; allowed: 0 to 1000 ms.");
        }

        if (QueueCapacity is < 1 or > 1_000_000)
        {
            throw LatentOpsException.InvalidInput($"QueueCapacity is {QueueCapacity}; allowed: 1 to 1,000,000.");
        }
    }
}
