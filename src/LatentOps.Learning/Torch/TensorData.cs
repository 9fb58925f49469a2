using LatentOps.Learning.Preprocessing;
using static TorchSharp.torch;

namespace LatentOps.Learning.Torch;

/// <summary>Moves preprocessed rows into tensors.</summary>
internal static class TensorData
{
    /// <summary>All rows as a numeric [rows, width] float tensor and a category [rows, count] int64 tensor.</summary>
    public static (Tensor Numeric, Tensor Categories) All(EncodedTable encoded) => Slice(encoded, 0, encoded.Rows);

    /// <summary>Rows start..start+count.</summary>
    public static (Tensor Numeric, Tensor Categories) Slice(EncodedTable encoded, int start, int count)
    {
        var numeric = encoded.NumericWidth == 0
            ? zeros([count, 0])
            : tensor(encoded.Numeric.AsSpan(start * encoded.NumericWidth, count * encoded.NumericWidth).ToArray(), [count, encoded.NumericWidth]);
        var categories = encoded.CategoryCount == 0
            ? zeros([count, 0], ScalarType.Int64)
            : tensor(encoded.Categories.AsSpan(start * encoded.CategoryCount, count * encoded.CategoryCount).ToArray(), [count, encoded.CategoryCount]);
        return (numeric, categories);
    }

    /// <summary>Serialises a module's weights.</summary>
    public static byte[] SaveWeights(nn.Module module)
    {
        using var stream = new MemoryStream();
        module.save(stream);
        return stream.ToArray();
    }

    /// <summary>Loads weights saved by <see cref="SaveWeights"/> into a module of the same shape.</summary>
    public static void LoadWeights(nn.Module module, byte[] weights)
    {
        using var stream = new MemoryStream(weights, writable: false);
        module.load(stream, strict: true);
    }
}
