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
    private readonly MicroBatcher<InferenceRequest, InferenceResult> _batcher;
    private readonly Dictionary<string, HashSet<string>> _vocabularies;

    public ServedModel(ModelVersion version, TabularEncoderModel model, ModelManifest manifest, MicroBatchOptions batching, ServingMetrics metrics)
    {
        Version = version;
        _model = model;
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
        await _batcher.DisposeAsync().ConfigureAwait(false);
        _model.Dispose();
    }

    private Task<IReadOnlyList<InferenceResult>> RunBatchAsync(IReadOnlyList<InferenceRequest> batch, CancellationToken cancellationToken)
    {
        var all = Table.Concat([.. batch.Select(r => r.Rows)]);
        var embeddings = _model.Embed(all);
        var probabilities = batch.Any(r => r.WantProbabilities) && _model.Classes is not null ? _model.PredictProbabilities(all) : null;
        var classes = _model.Classes?.Count ?? 0;
        var results = new InferenceResult[batch.Count];
        var offset = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var rows = batch[i].Rows.RowCount;
            var embedding = embeddings.Values.AsSpan(offset * embeddings.Dimension, rows * embeddings.Dimension).ToArray();
            var probs = batch[i].WantProbabilities && probabilities is not null ? probabilities.AsSpan(offset * classes, rows * classes).ToArray() : null;
            results[i] = new InferenceResult(embedding, probs);
            offset += rows;
        }

        return Task.FromResult<IReadOnlyList<InferenceResult>>(results);
    }
}
