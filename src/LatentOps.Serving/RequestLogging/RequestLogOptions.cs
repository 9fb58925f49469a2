using System.Globalization;
using LatentOps.Core.Errors;

namespace LatentOps.Serving.RequestLogging;

/// <summary>How the server logs predict and embed requests for monitoring (in the background; a full queue drops, never blocks).</summary>
public sealed class RequestLogOptions
{
    /// <summary>Log requests at all.</summary>
    /// <value>The default is true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>The share of requests logged (sampled at random).</summary>
    /// <value>The default is 1 (every request).</value>
    public double SampleRate { get; set; } = 1.0;

    /// <summary>Requests waiting to be written; beyond this they are dropped and counted in <c>latentops_request_log_dropped_total</c>.</summary>
    /// <value>The default is 10,000.</value>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Bytes of request inputs waiting to be written; beyond this requests are dropped and counted like a
    /// full queue (10,000 requests of 256 rows would otherwise hold about 1.2 GB).
    /// </summary>
    /// <value>The default is 256 MiB. Allowed: 1 MiB to 64 GiB.</value>
    public long MaxQueuedBytes { get; set; } = 256L << 20;

    /// <summary>Most requests written in one database transaction.</summary>
    /// <value>The default is 256.</value>
    public int MaxWriteBatch { get; set; } = 256;

    /// <summary>Checks every setting, naming the bad one and the allowed range.</summary>
    public void Validate()
    {
        if (!(SampleRate >= 0 && SampleRate <= 1))
        {
            throw LatentOpsException.InvalidInput($"RequestLog.SampleRate is {SampleRate.ToString(CultureInfo.InvariantCulture)}; allowed: 0 to 1.");
        }

        if (QueueCapacity is < 1 or > 10_000_000)
        {
            throw LatentOpsException.InvalidInput($"RequestLog.QueueCapacity is {QueueCapacity}; allowed: 1 to 10,000,000.");
        }

        if (MaxQueuedBytes is < (1L << 20) or > (64L << 30))
        {
            throw LatentOpsException.InvalidInput($"RequestLog.MaxQueuedBytes is {MaxQueuedBytes}; allowed: 1 MiB (1048576) to 64 GiB.");
        }

        if (MaxWriteBatch is < 1 or > 100_000)
        {
            throw LatentOpsException.InvalidInput($"RequestLog.MaxWriteBatch is {MaxWriteBatch}; allowed: 1 to 100,000.");
        }
    }
}
