using LatentOps.Core.Errors;
using LatentOps.Serving.Batching;

namespace LatentOps.Serving;

/// <summary>Settings of the LatentOps server. Validated once when the server is built.</summary>
public sealed class ServerOptions
{
    /// <summary>Where Kestrel listens.</summary>
    /// <value>The default is <c>http://127.0.0.1:8080</c>.</value>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The largest number of rows one request may carry.</summary>
    /// <value>The default is 1024.</value>
    public int MaxRowsPerRequest { get; set; } = 1024;

    /// <summary>The largest request body in bytes; larger bodies get 413.</summary>
    /// <value>The default is 4 MiB.</value>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How requests are grouped into batches for the model runtimes.</summary>
    public MicroBatchOptions Batching { get; set; } = new();

    /// <summary>Checks every setting; throws <see cref="LatentOpsException"/> naming the bad one and the allowed range.</summary>
    public void Validate()
    {
        if (MaxRowsPerRequest is < 1 or > 1_000_000)
        {
            throw LatentOpsException.InvalidInput($"MaxRowsPerRequest is {MaxRowsPerRequest}; allowed: 1 to 1,000,000.");
        }

        if (MaxRequestBodyBytes is < 1024 or > 1L << 30)
        {
            throw LatentOpsException.InvalidInput($"MaxRequestBodyBytes is {MaxRequestBodyBytes}; allowed: 1 KiB to 1 GiB.");
        }

        if (!Uri.TryCreate(Urls.Split(';')[0], UriKind.Absolute, out _))
        {
            throw LatentOpsException.InvalidInput($"--urls '{Urls}' is not a URL such as http://127.0.0.1:8080.");
        }

        Batching.Validate();
    }
}
