using LatentOps.Core.Errors;
using LatentOps.Serving.Batching;
using LatentOps.Serving.Inference;

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

    /// <summary>
    /// When false (<c>--no-auth</c>), every endpoint is open. Allowed only when every URL is on
    /// loopback, so an open server is never reachable from another machine.
    /// </summary>
    /// <value>The default is true.</value>
    public bool RequireAuth { get; set; } = true;

    /// <summary>Requests per second each API key may make (token bucket, bursts up to twice this); 0 turns the limit off.</summary>
    /// <value>The default is 1000.</value>
    public int RateLimitPerKey { get; set; } = 1000;

    /// <summary>How often an alias (<c>@champion</c>) is re-read from the registry; a promote or rollback is served within this time.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan AliasRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The engine that runs served models: fp32 (TorchSharp), simd, int8 or onnx.</summary>
    /// <value>The default is <see cref="ServingRuntime.Fp32"/>.</value>
    public ServingRuntime Runtime { get; set; } = ServingRuntime.Fp32;

    /// <summary>Per-model runtimes by model name, overriding <see cref="Runtime"/>.</summary>
    /// <value>The default is none.</value>
    public IDictionary<string, ServingRuntime> ModelRuntimes { get; set; } = new Dictionary<string, ServingRuntime>(StringComparer.Ordinal);

    /// <summary>Threads one batch may use in the simd, int8 and onnx runtimes; 0 means the processor count.</summary>
    /// <value>The default is 0. Allowed: 0 to 256.</value>
    public int RuntimeThreads { get; set; }

    /// <summary>The runtime of model <paramref name="name"/>.</summary>
    public ServingRuntime RuntimeFor(string name) => ModelRuntimes.TryGetValue(name, out var runtime) ? runtime : Runtime;

    /// <summary><see cref="RuntimeThreads"/>, with 0 resolved to the processor count.</summary>
    public int ResolvedRuntimeThreads => RuntimeThreads == 0 ? Environment.ProcessorCount : RuntimeThreads;

    /// <summary>How requests are grouped into batches for the model runtimes.</summary>
    public MicroBatchOptions Batching { get; set; } = new();

    /// <summary>How predict and embed requests are logged for monitoring.</summary>
    public RequestLogging.RequestLogOptions RequestLog { get; set; } = new();

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

        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw LatentOpsException.InvalidInput($"--urls '{url}' is not an http(s) URL such as http://127.0.0.1:8080.");
            }

            if (!RequireAuth && !IsLoopback(uri))
            {
                throw LatentOpsException.InvalidInput(
                    $"--no-auth is allowed only on loopback (127.0.0.1, [::1], localhost); '{url}' is not. Create a key with 'latentops keys create' instead.");
            }
        }

        if (RateLimitPerKey is < 0 or > 1_000_000)
        {
            throw LatentOpsException.InvalidInput($"RateLimitPerKey is {RateLimitPerKey}; allowed: 0 (off) to 1,000,000.");
        }

        if (RuntimeThreads is < 0 or > 256)
        {
            throw LatentOpsException.InvalidInput($"RuntimeThreads is {RuntimeThreads}; allowed: 0 (processor count) to 256.");
        }

        Batching.Validate();
        RequestLog.Validate();
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
}
