using LatentOps.Core.Errors;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Preprocessing;
using static TorchSharp.torch;

namespace LatentOps.Learning.Export;

/// <summary>
/// The weights of a tabular encoder (and its classification head) as plain arrays, in the order the
/// network applies them: numeric features, then one embedding per categorical column, concatenated and
/// fed through <see cref="Layers"/>. Taken from a loaded <see cref="TabularEncoderModel"/>; the source
/// of the ONNX export and of the SIMD and int8 runtimes.
/// </summary>
public sealed record TabularNetwork
{
    /// <summary>The preprocessing that turns raw rows into <see cref="NumericInputs"/> features and category indices.</summary>
    public required FittedPreprocessor Preprocessor { get; init; }

    /// <summary>Numeric features per row.</summary>
    public required int NumericInputs { get; init; }

    /// <summary>One embedding table per categorical column, in input order.</summary>
    public required IReadOnlyList<CategoryTable> Categories { get; init; }

    /// <summary>The encoder backbone; the last layer outputs the embedding.</summary>
    public required IReadOnlyList<DenseLayer> Layers { get; init; }

    /// <summary>The classification head (logits), or null.</summary>
    public DenseLayer? Head { get; init; }

    /// <summary>Class names in head output order, or null.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Width of the concatenated input of the first layer.</summary>
    public int InputWidth => NumericInputs + Categories.Sum(c => c.Dimension);

    /// <summary>The embedding width.</summary>
    public int EmbeddingDimension => Layers[^1].Outputs;

    /// <summary>Copies the weights out of <paramref name="model"/>.</summary>
    /// <exception cref="LatentOpsException">The model is not a tabular MLP encoder this exporter knows.</exception>
    public static TabularNetwork From(TabularEncoderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var architecture = model.Architecture;
        if (architecture.Kind != EncoderKind.Tabular)
        {
            throw LatentOpsException.InvalidInput($"Only tabular encoders can be exported; this model is a {architecture.Kind} encoder.");
        }

        var state = Weights(model.Encoder);
        var categorical = model.Preprocessor.CategoricalColumns;
        var categories = new List<CategoryTable>(categorical.Count);
        for (var i = 0; i < architecture.CategoryCardinalities.Count; i++)
        {
            var (values, shape) = state[$"embeddings.{i}.weight"];
            categories.Add(new CategoryTable(categorical[i].Column, (int)shape[0], (int)shape[1], values));
        }

        var layers = new List<DenseLayer>(architecture.Depth);
        for (var i = 0; i < architecture.Depth - 1; i++)
        {
            layers.Add(Dense(state, $"mlp.linear{i}", architecture.LayerNorm ? $"mlp.norm{i}" : null, relu: true));
        }

        layers.Add(Dense(state, "mlp.output", null, relu: false));
        DenseLayer? head = null;
        if (model.Classifier is { } classifier)
        {
            var headState = Weights(classifier);
            head = Dense(headState, null, null, relu: false);
        }

        return new TabularNetwork
        {
            Preprocessor = model.Preprocessor,
            NumericInputs = architecture.NumericInputs,
            Categories = categories,
            Layers = layers,
            Head = head,
            Classes = model.Classes,
        };
    }

    private static DenseLayer Dense(Dictionary<string, (float[] Values, long[] Shape)> state, string? prefix, string? norm, bool relu)
    {
        var p = prefix is null ? string.Empty : prefix + ".";
        var (weight, shape) = state[p + "weight"];
        var (bias, _) = state[p + "bias"];
        float[]? scale = null;
        float[]? shift = null;
        if (norm is not null)
        {
            scale = state[norm + ".weight"].Values;
            shift = state[norm + ".bias"].Values;
        }

        // TorchSharp's LayerNorm default epsilon, which TabularEncoderModule uses.
        return new DenseLayer((int)shape[1], (int)shape[0], weight, bias, scale, shift, 1e-5, relu);
    }

    private static Dictionary<string, (float[] Values, long[] Shape)> Weights(nn.Module module)
    {
        var result = new Dictionary<string, (float[], long[])>(StringComparer.Ordinal);
        using var scope = NewDisposeScope();
        foreach (var (name, tensor) in module.state_dict())
        {
            var t = tensor.detach().cpu().contiguous().to_type(ScalarType.Float32);
            result[name] = (t.data<float>().ToArray(), t.shape);
        }

        return result;
    }
}
