using LatentOps.Learning.Encoders;
using LatentOps.Learning.Images;
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
    private readonly IEncoderModel _model;
    private readonly ITabularRuntime _runtime;
    private readonly Prometheus.Gauge _loadedGauge;
    private readonly Lock _leaseGate = new();
    private int _leases;
    private bool _retired;
    private bool _disposed;
    private readonly MicroBatcher<InferenceRequest, InferenceResult> _batcher;
    private readonly IRowsEncoder _encoder;

    public ServedModel(ModelVersion version, IEncoderModel model, ITabularRuntime runtime, ModelManifest manifest, MicroBatchOptions batching, ServingMetrics metrics)
    {
        Version = version;
        _model = model;
        _runtime = runtime;
        _loadedGauge = metrics.ModelVersionsLoaded;
        Inputs = [.. manifest.Signature.Inputs.Select(i => new InputColumn(i.Name, i.Type, i.Nullable))];
        _encoder = model is ImageEncoderModel image
            ? new ImageRequestEncoder(Inputs, image.Preprocessor, image.Architecture.ImageHeight, image.Architecture.ImageWidth)
            : new RequestEncoder(Inputs, model.Preprocessor);
        var label = version.Name;
        _batcher = new MicroBatcher<InferenceRequest, InferenceResult>(
            RunBatchAsync,
            request => request.Input.Rows,
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

    /// <summary>Queues preprocessed rows for the next batch.</summary>
    public Task<InferenceResult> InferAsync(EncodedTable input, bool wantProbabilities, CancellationToken cancellationToken) =>
        _batcher.SubmitAsync(new InferenceRequest(input, wantProbabilities), cancellationToken);

    /// <summary>
    /// Reads a request body (<c>{"rows": [...]}</c>; for an image model each row may also be
    /// <c>{"pixels": [...]}</c>, see <see cref="ImageRequestEncoder"/>) into encoder input in one pass, checking it against
    /// the signature; counts category values the model never saw (they go to the unknown bucket).
    /// With <paramref name="logRows"/> the rows are kept as sent for the request log (<see cref="EncodedRows.Log"/>).
    /// </summary>
    public EncodedRows EncodeBody(ReadOnlySpan<byte> body, int maxRows, bool logRows) =>
        CountUnknown(_encoder.EncodeBody(body, maxRows, keepRows: false, logRows));

    /// <summary>As <see cref="EncodeBody"/>, for a JSON array of rows.</summary>
    public EncodedRows EncodeRows(ReadOnlySpan<byte> rows, int maxRows) =>
        CountUnknown(_encoder.EncodeRows(rows, maxRows, keepRows: false));

    private EncodedRows CountUnknown(EncodedRows rows)
    {
        foreach (var (column, count) in rows.UnknownCategories)
        {
            UnknownCategoryCounter.WithLabels(Version.Name, column).Inc(count);
        }

        return rows;
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
        var withProbabilities = _model.Classes is not null && batch.Any(r => r.WantProbabilities);
        if (batch.Count == 1)
        {
            var (embedding, probability) = _runtime.Run(batch[0].Input, withProbabilities);
            return Task.FromResult<IReadOnlyList<InferenceResult>>([new InferenceResult(embedding, batch[0].WantProbabilities ? probability : null)]);
        }

        var (embeddings, probabilities) = _runtime.Run(Concat(batch), withProbabilities);
        var dimension = _runtime.EmbeddingDimension;
        var classes = _model.Classes?.Count ?? 0;
        var results = new InferenceResult[batch.Count];
        var offset = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var rows = batch[i].Input.Rows;
            var embedding = embeddings.AsSpan(offset * dimension, rows * dimension).ToArray();
            var probs = batch[i].WantProbabilities && probabilities is not null ? probabilities.AsSpan(offset * classes, rows * classes).ToArray() : null;
            results[i] = new InferenceResult(embedding, probs);
            offset += rows;
        }

        return Task.FromResult<IReadOnlyList<InferenceResult>>(results);
    }

    /// <summary>The requests' encoder inputs one after another, as one batch.</summary>
    private static EncodedTable Concat(IReadOnlyList<InferenceRequest> batch)
    {
        var first = batch[0].Input;
        var rows = batch.Sum(r => r.Input.Rows);
        var numeric = new float[rows * first.NumericWidth];
        var categories = new long[rows * first.CategoryCount];
        var row = 0;
        foreach (var request in batch)
        {
            var input = request.Input;
            input.Numeric.AsSpan(0, input.Rows * input.NumericWidth).CopyTo(numeric.AsSpan(row * first.NumericWidth));
            input.Categories.AsSpan(0, input.Rows * input.CategoryCount).CopyTo(categories.AsSpan(row * first.CategoryCount));
            row += input.Rows;
        }

        return new EncodedTable(rows, first.NumericWidth, first.CategoryCount, numeric, categories);
    }
}
