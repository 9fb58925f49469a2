using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Preprocessing;
using LatentOps.Learning.Torch;
using static TorchSharp.torch;

namespace LatentOps.Learning.Encoders;

/// <summary>
/// A fitted tabular encoder: the preprocessing fitted at training time, the encoder network and, for
/// supervised or fine-tuned models, the classification head. Turns raw rows into embeddings (and class
/// probabilities). Save and load it with <see cref="Packaging.ModelPackage"/>.
/// </summary>
public sealed class TabularEncoderModel : IEncoderModel
{
    private const int InferenceBatch = 4096;
    private readonly Lock gate = new();
    private bool disposed;

    internal TabularEncoderModel(
        FittedPreprocessor preprocessor,
        EncoderArchitecture architecture,
        TabularEncoderModule encoder,
        nn.Module<Tensor, Tensor>? classifier,
        IReadOnlyList<string>? classes,
        string? labelColumn,
        TrainingObjective objective,
        string? trainingDatasetHash)
    {
        Preprocessor = preprocessor;
        Architecture = architecture;
        Encoder = encoder;
        Classifier = classifier;
        Classes = classes;
        LabelColumn = labelColumn;
        Objective = objective;
        TrainingDatasetHash = trainingDatasetHash;
        Encoder.eval();
        Classifier?.eval();
    }

    /// <summary>The preprocessing fitted on the training data.</summary>
    public FittedPreprocessor Preprocessor { get; }

    /// <summary>The encoder shape.</summary>
    public EncoderArchitecture Architecture { get; }

    /// <summary>The class names in output order, or null for a model without a classification head.</summary>
    public IReadOnlyList<string>? Classes { get; }

    /// <summary>The label column the head was trained on, if any.</summary>
    public string? LabelColumn { get; }

    /// <summary>The objective the encoder was (last) trained with.</summary>
    public TrainingObjective Objective { get; }

    /// <summary>SHA-256 of the training table's content, when known.</summary>
    public string? TrainingDatasetHash { get; }

    /// <summary>The embedding width.</summary>
    public int EmbeddingDimension => Architecture.EmbeddingDimension;

    internal TabularEncoderModule Encoder { get; }

    internal nn.Module<Tensor, Tensor>? Classifier { get; }

    /// <summary>Embeds the rows of <paramref name="table"/> (the encoder output, not a projection head).</summary>
    /// <exception cref="LatentOpsException">A signature column is missing or has another type.</exception>
    public Embeddings Embed(Table table) => Embed(Preprocessor.Transform(table));

    /// <summary>Embeds already preprocessed rows.</summary>
    public Embeddings Embed(EncodedTable encoded)
    {
        var values = Run(encoded, EmbeddingDimension, static (model, n, c) => model.Encoder.forward(n, c));
        return new Embeddings(encoded.Rows, EmbeddingDimension, values);
    }

    /// <summary>Class probabilities, row-major Rows x <see cref="Classes"/>.Count.</summary>
    /// <exception cref="LatentOpsException">The model has no classification head, or the input does not match the signature.</exception>
    public float[] PredictProbabilities(Table table)
    {
        if (Classifier is null || Classes is null)
        {
            throw LatentOpsException.InvalidState("This model has no classification head (it was trained self-supervised); train or fine-tune it with the supervised objective and a label.");
        }

        return Run(Preprocessor.Transform(table), Classes.Count, static (model, n, c) => nn.functional.softmax(model.Classifier!.forward(model.Encoder.forward(n, c)), 1));
    }

    /// <summary>
    /// Class probabilities (row-major Rows x <see cref="Classes"/>.Count) and, per row, the gradient of that
    /// row's negative log-likelihood of <paramref name="labels"/>[row] with respect to the row's numeric
    /// inputs (row-major Rows x <see cref="EncodedTable.NumericWidth"/>), by TorchSharp autograd through
    /// the encoder and the head. Category indices are discrete and held fixed. What a gradient-sign
    /// (FGSM) attack needs.
    /// </summary>
    /// <exception cref="LatentOpsException">No classification head, the input does not match the signature, or a label is out of range.</exception>
    public (float[] Probabilities, float[] NumericGradients) ProbabilitiesWithInputGradients(EncodedTable encoded, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (Classifier is null || Classes is null)
        {
            throw LatentOpsException.InvalidState("This model has no classification head (it was trained self-supervised); input gradients of a loss need one.");
        }

        ObjectDisposedException.ThrowIf(disposed, this);
        CheckShape(encoded);
        if (labels.Length != encoded.Rows)
        {
            throw LatentOpsException.InvalidInput($"{labels.Length} labels for {encoded.Rows} rows; give one label per row.");
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)Classes.Count)
            {
                throw LatentOpsException.InvalidInput($"Row {i}: label index {labels[i]} is out of range; the model has {Classes.Count} classes.");
            }
        }

        var classes = Classes.Count;
        var width = encoded.NumericWidth;
        var probabilities = new float[(long)encoded.Rows * classes];
        var gradients = new float[(long)encoded.Rows * width];
        lock (gate)
        {
            using var grad = enable_grad();
            for (var start = 0; start < encoded.Rows; start += InferenceBatch)
            {
                using var gcPause = GcPause.Enter();
                using var scope = NewDisposeScope();
                var count = Math.Min(InferenceBatch, encoded.Rows - start);
                var (numeric, categories) = TensorData.Slice(encoded, start, count);
                numeric.requires_grad_(width > 0);
                var target = tensor(labels.Slice(start, count).ToArray().Select(l => (long)l).ToArray(), [count], ScalarType.Int64);
                var logits = Classifier.forward(Encoder.forward(numeric, categories));

                // The sum of the rows' losses: each row's input gradient is then the gradient of its own loss.
                var loss = nn.functional.cross_entropy(logits, target, reduction: nn.Reduction.Sum);
                nn.functional.softmax(logits, 1).detach().contiguous().data<float>().CopyTo(probabilities.AsSpan(start * classes, count * classes));
                if (width > 0)
                {
                    var inputGradient = autograd.grad([loss], [numeric])[0].contiguous();
                    inputGradient.data<float>().CopyTo(gradients.AsSpan(start * width, count * width));
                }
            }
        }

        return (probabilities, gradients);
    }

    /// <summary>
    /// Embeddings and, when <paramref name="withProbabilities"/> and the model has a head, class
    /// probabilities of already preprocessed rows, in one forward pass.
    /// </summary>
    /// <exception cref="LatentOpsException">The input does not match the encoder.</exception>
    public (float[] Embeddings, float[]? Probabilities) Infer(EncodedTable encoded, bool withProbabilities)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (!withProbabilities || Classifier is null || Classes is null)
        {
            return (Embed(encoded).Values, null);
        }

        var dimension = EmbeddingDimension;
        var classes = Classes.Count;
        var both = Run(encoded, dimension + classes, static (model, n, c) =>
        {
            var embedding = model.Encoder.forward(n, c);
            return cat([embedding, nn.functional.softmax(model.Classifier!.forward(embedding), 1)], 1);
        });
        return JointOutput.Split(both, encoded.Rows, dimension, classes);
    }

    /// <summary>Frees the native memory of the networks.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            Encoder.Dispose();
            Classifier?.Dispose();
        }
    }

    private float[] Run(EncodedTable encoded, int width, Func<TabularEncoderModel, Tensor, Tensor, Tensor> forward)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        CheckShape(encoded);

        var output = new float[(long)encoded.Rows * width];
        lock (gate)
        {
            using var noGrad = no_grad();
            for (var start = 0; start < encoded.Rows; start += InferenceBatch)
            {
                using var gcPause = GcPause.Enter();
                using var scope = NewDisposeScope();
                var count = Math.Min(InferenceBatch, encoded.Rows - start);
                var (numeric, categories) = TensorData.Slice(encoded, start, count);
                var result = forward(this, numeric, categories).contiguous();
                result.data<float>().CopyTo(output.AsSpan(start * width, count * width));
            }
        }

        return output;
    }

    private void CheckShape(EncodedTable encoded)
    {
        if (encoded.NumericWidth != Architecture.NumericInputs || encoded.CategoryCount != Architecture.CategoryCardinalities.Count)
        {
            throw LatentOpsException.InvalidInput($"The input has {encoded.NumericWidth} numeric features and {encoded.CategoryCount} categorical columns; the encoder expects {Architecture.NumericInputs} and {Architecture.CategoryCardinalities.Count}.");
        }
    }
}
