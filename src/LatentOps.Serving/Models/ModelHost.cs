using System.Collections.Concurrent;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Learning.Packaging;
using LatentOps.Serving.Inference;
using LatentOps.Serving.Metrics;
using LatentOps.Store.Registry;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LatentOps.Serving.Models;

/// <summary>
/// Loads registered model versions on first use, each on the runtime the options choose for it. An
/// alias reference (<c>churn@champion</c>) is re-resolved against the registry at most every
/// <see cref="ServerOptions.AliasRefreshInterval"/>, so a promote or rollback is picked up without a
/// restart. Each request holds a lease on the version it started with until its response is sent; a
/// version an alias moved away from (and no other alias points at) is retired: it takes no new
/// leases and unloads when its last request finishes, so a swap neither fails a request nor keeps
/// every superseded version in memory. Asking for a retired version by number loads it again.
/// </summary>
public sealed class ModelHost : IAsyncDisposable
{
    private readonly Workspace _workspace;
    private readonly IModelRegistry _registry;
    private readonly ServerOptions _options;
    private readonly ServingMetrics _metrics;
    private readonly IHttpContextAccessor? _http;
    private readonly ILogger<ModelHost>? _logger;
    private readonly ConcurrentDictionary<(string Name, int Version), Lazy<Task<ServedModel>>> _loaded = new();
    private readonly ConcurrentDictionary<(string Name, string Alias), (int Version, DateTime CheckedAt)> _aliases = new();

    /// <summary>Creates the host.</summary>
    public ModelHost(Workspace workspace, IModelRegistry registry, ServerOptions options, ServingMetrics metrics, IHttpContextAccessor? http = null, ILogger<ModelHost>? logger = null)
    {
        _logger = logger;
        _http = http;
        _workspace = workspace;
        _registry = registry;
        _options = options;
        _metrics = metrics;
    }

    /// <summary>
    /// The loaded model a reference points at now, leased until the current HTTP response completes
    /// (outside a request, the lease is never released and the version never unloads).
    /// </summary>
    internal async Task<ServedModel> GetAsync(ModelRef reference, CancellationToken cancellationToken)
    {
        var version = reference.Version ?? await ResolveAliasAsync(reference.Name, reference.Alias!, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var lazy = _loaded.GetOrAdd((reference.Name, version), key => new Lazy<Task<ServedModel>>(() => LoadAsync(key.Name, key.Version)));
            ServedModel model;
            try
            {
                model = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (lazy.Value.IsFaulted)
            {
                _loaded.TryRemove(new KeyValuePair<(string, int), Lazy<Task<ServedModel>>>((reference.Name, version), lazy));
                throw;
            }

            if (model.TryAcquire())
            {
                _http?.HttpContext?.Response.RegisterForDispose(new Lease(model));
                return model;
            }

            // Retired between lookup and lease: drop the entry and load the version again.
            _loaded.TryRemove(new KeyValuePair<(string, int), Lazy<Task<ServedModel>>>((reference.Name, version), lazy));
        }
    }

    /// <summary>Disposes every loaded model.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _loaded.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                await lazy.Value.Result.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<int> ResolveAliasAsync(string name, string alias, CancellationToken cancellationToken)
    {
        if (_aliases.TryGetValue((name, alias), out var cached) && DateTime.UtcNow - cached.CheckedAt < _options.AliasRefreshInterval)
        {
            return cached.Version;
        }

        var version = await _registry.ResolveAsync(new ModelRef(name, null, alias), cancellationToken).ConfigureAwait(false);
        _aliases[(name, alias)] = (version.Version, DateTime.UtcNow);
        if (cached.CheckedAt != default && cached.Version != version.Version)
        {
            RetireIfUnaliased(name, cached.Version);
        }

        return version.Version;
    }

    private void RetireIfUnaliased(string name, int version)
    {
        if (_aliases.Any(a => a.Key.Name == name && a.Value.Version == version))
        {
            return;
        }

        if (_loaded.TryGetValue((name, version), out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            var model = lazy.Value.Result;
            _loaded.TryRemove(new KeyValuePair<(string, int), Lazy<Task<ServedModel>>>((name, version), lazy));
            model.Retire();
        }
    }

    private async Task<ServedModel> LoadAsync(string name, int number)
    {
        var version = await _registry.ResolveAsync(new ModelRef(name, number, null), CancellationToken.None).ConfigureAwait(false);
        if (!_workspace.Artifacts.Exists(version.PackageHash))
        {
            throw LatentOpsException.InvalidState($"Model {version.Reference} is registered but its package {version.PackageHash[..12]} is missing from the artifact store.");
        }

        var path = _workspace.Artifacts.GetPath(version.PackageHash);
        var manifest = ModelPackage.ReadManifest(path);
        var model = ModelPackage.LoadAny(path);
        try
        {
            var runtime = CreateRuntime(version, model);
            return new ServedModel(version, model, runtime, manifest, _options.Batching, _metrics);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The runtime the options choose for a version. Image models run on fp32 or onnx; asked for simd or
    /// int8 (usually a server-wide --runtime meant for the tabular models), an image model is served on
    /// fp32 with a warning rather than refused, so one flag never takes image models offline.
    /// </summary>
    private ITabularRuntime CreateRuntime(ModelVersion version, Learning.Encoders.IEncoderModel model)
    {
        var requested = _options.RuntimeFor(version.Name);
        if (model is not Learning.Images.ImageEncoderModel image)
        {
            return TabularRuntimes.Create(requested, (Learning.Encoders.TabularEncoderModel)model, _options.ResolvedRuntimeThreads);
        }

        var resolved = ImageRuntimes.Resolve(requested);
        if (resolved != requested)
        {
            _logger?.LogWarning(
                "Model {Reference} is an image model; the {Requested} runtime runs tabular models only, so this version is served on {Resolved} (TorchSharp). For image models use --runtime fp32 or onnx, or --model-runtime {Name}=onnx.",
                version.Reference, Lower(requested), Lower(resolved), version.Name);
        }

        return ImageRuntimes.Create(resolved, image, _options.ResolvedRuntimeThreads);
    }

    private static string Lower(ServingRuntime runtime) => runtime.ToString().ToLowerInvariant();

    /// <summary>Releases a request's lease on its model version when the response is done.</summary>
    private sealed class Lease(ServedModel model) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                model.Release();
            }
        }
    }
}
