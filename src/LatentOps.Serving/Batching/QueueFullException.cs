namespace LatentOps.Serving.Batching;

/// <summary>The batch queue is full; the server answers 429 with Retry-After.</summary>
public sealed class QueueFullException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QueueFullException(int capacity)
        : base($"The server is busy: {capacity} requests are already waiting. Retry shortly.")
    {
        Capacity = capacity;
    }

    /// <summary>The queue capacity that was reached.</summary>
    public int Capacity { get; }
}
