using LatentOps.Core.Tables;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Packaging;
using LatentOps.Learning.Preprocessing;
using LatentOps.Serving.Batching;
using LatentOps.Serving.Inference;
using LatentOps.Serving.Metrics;
using LatentOps.Store.Registry;

namespace LatentOps.Serving.Models;

/// <summary>
/// One registered model version loaded for serving: its package's model, the inputs of its
/// signature, and a micro-batcher that groups concurrent requests into one forward pass.
/// </summary>
internal sealed class ServedModel : IAsyncDisposable
{
    private readonly TabularEncoderModel _model;
    private readonly ITabularRuntime _runtime;
    private readonly Prometheus.Gauge _loadedGauge;
    private readonly Lock _leaseGate = new();
    private int _leases;
    private bool _retired;
    private bool _disposed;
    private readonly MicroBatcher<InferenceRequest, InferenceResult> _batcher;
    private readonly Dictionary<string, HashSet<string>> _vocabularies;

    public ServedModel(ModelVersion version, TabularEncoderModel model, ITabularRuntime runtime, ModelManifest manifest, MicroBatchOptions batching, ServingMetrics metrics)
    {
        Version = version;
        _model = model;
        _runtime = runtime;
        _loadedGauge = metrics.ModelVersionsLoaded;
        Inputs = [.. manifest.Signature.Inputs.Select(i => new InputColumn(i.Name, i.Type, i.Nullable))];
        _vocabularies = model.Preprocessor.Columns
            .Where(c => c.Kind == ColumnEncodingKind.Categorical && c.Vocabulary is not null)
            .ToDictionary(c => c.Column, c => c.Vocabulary!.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var label = version.Name;
        _batcher = new MicroBatcher<InferenceRequest, InferenceResult>(
            RunBatchAsync,
            request => request.Rows.RowCount,
            batching,
            (rows, elapsed) =>
            {
                metrics.BatchSize.WithLabels(label).Observe(rows);
                metrics.BatchSeconds.WithLabels(label).Observe(elapsed.TotalSeconds);
                metrics.QueueDepth.WithLabels(label).Set(_batcher?.QueueDepth ?? 0);
            });
        UnknownCategoryCounter = metrics.UnknownCategories;
        metrics.ModelVersionsLoaded.WithLabels(version.Name, version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(1);
    }

    public ModelVersion Version { get; }

    public IReadOnlyList<InputColumn> Inputs { get; }

    public IReadOnlyList<string>? Classes => _model.Classes;

    public int EmbeddingDimension => _model.EmbeddingDimension;

    /// <summary>The engine computing this version's forward passes.</summary>
    public ServingRuntime Runtime => _runtime.Kind;

    /// <summary>Takes a lease for one request; false once the version is retired (load it again).</summary>
    public bool TryAcquire()
    {
        lock (_leaseGate)
        {
            if (_retired)
            {
                return false;
            }

            _leases++;
            return true;
        }
    }

    /// <summary>Ends a request's lease; the last lease of a retired version unloads it.</summary>
    public void Release()
    {
        lock (_leaseGate)
        {
            _leases--;
            if (!_retired || _leases > 0)
            {
                return;
            }
        }

        _ = DisposeAsync().AsTask();
    }

    /// <summary>
    /// Marks the version superseded (an alias moved away from it): it takes no new leases and unloads
    /// once the requests holding one finish. Returns true when it unloaded at once (no request held it).
    /// </summary>
    public bool Retire()
    {
        lock (_leaseGate)
        {
            _retired = true;
            if (_leases > 0)
            {
                return false;
            }
        }

        _ = DisposeAsync().AsTask();
        return true;
    }

    private Prometheus.Counter UnknownCategoryCounter { get; }

    /// <summary>Queues rows for the next batch.</summary>
    public Task<InferenceResult> InferAsync(Table rows, bool wantProbabilities, CancellationToken cancellationToken) =>
        _batcher.SubmitAsync(new InferenceRequest(rows, wantProbabilities), cancellationToken);

    /// <summary>Category values the model never saw in training, per column (they go to the unknown bucket).</summary>
    public IReadOnlyDictionary<string, int> CountUnknownCategories(Table rows)
    {
        var unknown = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (column, vocabulary) in _vocabularies)
        {
            if (rows.TryGetColumn(column, out var values) && values is StringColumn strings)
            {
                var count = 0;
                foreach (var value in strings.Values)
                {
                    if (value is not null && !vocabulary.Contains(value))
                    {
                        count++;
                    }
                }

                if (count > 0)
                {
                    unknown[column] = count;
                    UnknownCategoryCounter.WithLabels(Version.Name, column).Inc(count);
                }
            }
        }

        return unknown;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_leaseGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _retired = true;
        }

        await _batcher.DisposeAsync().ConfigureAwait(false);
        _runtime.Dispose();
        _model.Dispose();
        _loadedGauge.WithLabels(Version.Name, Version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(0);
    }

    private Task<IReadOnlyList<InferenceResult>> RunBatchAsync(IReadOnlyList<InferenceRequest> batch, CancellationToken cancellationToken)
    {
        var all = Table.Concat([.. batch.Select(r => r.Rows)]);
        var (embeddings, probabilities) = _runtime.Run(_model.Preprocessor.Transform(all), batch.Any(r => r.WantProbabilities) && _model.Classes is not null);
        var dimension = _runtime.EmbeddingDimension;
        var classes = _model.Classes?.Count ?? 0;
        var results = new InferenceResult[batch.Count];
        var offset = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var rows = batch[i].Rows.RowCount;
            var embedding = embeddings.AsSpan(offset * dimension, rows * dimension).ToArray();
            var probs = batch[i].WantProbabilities && probabilities is not null ? probabilities.AsSpan(offset * classes, rows * classes).ToArray() : null;
            results[i] = new InferenceResult(embedding, probs);
            offset += rows;
        }

        return Task.FromResult<IReadOnlyList<InferenceResult>>(results);
    }
}
