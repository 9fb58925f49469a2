using static TorchSharp.torch;

namespace LatentOps.Learning.Objectives;

/// <summary>NT-Xent (normalised temperature-scaled cross-entropy, SimCLR/SCARF InfoNCE) over two views.</summary>
internal static class NtXent
{
    /// <summary>Each row's positive is its other view; the other 2B-2 rows are negatives.</summary>
    public static Tensor Loss(Tensor a, Tensor b, double temperature)
    {
        var batch = a.shape[0];
        var z = nn.functional.normalize(cat([a, b], 0), p: 2, dim: 1);
        var similarity = z.mm(z.t()).div(temperature);
        var self = eye(2 * batch, dtype: ScalarType.Bool);
        similarity = similarity.masked_fill(self, -1e9);
        var targets = cat([arange(batch, 2 * batch, dtype: ScalarType.Int64), arange(0, batch, dtype: ScalarType.Int64)], 0);
        return nn.functional.cross_entropy(similarity, targets);
    }
}
