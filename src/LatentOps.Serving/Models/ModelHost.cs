using System.Collections.Concurrent;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Learning.Packaging;
using LatentOps.Serving.Metrics;
using LatentOps.Store.Registry;
using LatentOps.Store.Workspaces;

namespace LatentOps.Serving.Models;

/// <summary>
/// Loads registered model versions on first use and keeps them loaded. An alias reference
/// (<c>churn@champion</c>) is re-resolved against the registry at most every
/// <see cref="ServerOptions.AliasRefreshInterval"/>, so a promote or rollback is picked up without a
/// restart; requests already running keep the version they started with, and superseded versions
/// stay loaded (they are small) until the server stops, so a swap never fails a request.
/// </summary>
public sealed class ModelHost : IAsyncDisposable
{
    private readonly Workspace _workspace;
    private readonly IModelRegistry _registry;
    private readonly ServerOptions _options;
    private readonly ServingMetrics _metrics;
    private readonly ConcurrentDictionary<(string Name, int Version), Lazy<Task<ServedModel>>> _loaded = new();
    private readonly ConcurrentDictionary<(string Name, string Alias), (int Version, DateTime CheckedAt)> _aliases = new();

    /// <summary>Creates the host.</summary>
    public ModelHost(Workspace workspace, IModelRegistry registry, ServerOptions options, ServingMetrics metrics)
    {
        _workspace = workspace;
        _registry = registry;
        _options = options;
        _metrics = metrics;
    }

    /// <summary>The loaded model a reference points at now.</summary>
    internal async Task<ServedModel> GetAsync(ModelRef reference, CancellationToken cancellationToken)
    {
        var version = reference.Version ?? await ResolveAliasAsync(reference.Name, reference.Alias!, cancellationToken).ConfigureAwait(false);
        var lazy = _loaded.GetOrAdd((reference.Name, version), key => new Lazy<Task<ServedModel>>(() => LoadAsync(key.Name, key.Version)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _loaded.TryRemove(new KeyValuePair<(string, int), Lazy<Task<ServedModel>>>((reference.Name, version), lazy));
            throw;
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
        return version.Version;
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
        var model = ModelPackage.Load(path);
        return new ServedModel(version, model, manifest, _options.Batching, _metrics);
    }
}
