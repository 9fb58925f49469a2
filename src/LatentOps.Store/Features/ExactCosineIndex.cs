using System.Numerics.Tensors;
using LatentOps.Core.Errors;

namespace LatentOps.Store.Features;

/// <summary>
/// Exact cosine nearest-neighbour search over float32 vectors held in one contiguous, L2-normalised
/// row-major matrix: one SIMD dot product (<see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>)
/// per row and a k-sized top list, so a query streams the matrix once (memory-bandwidth bound).
/// </summary>
public sealed class ExactCosineIndex
{
    private readonly float[] _matrix;

    /// <summary>Builds the index from <paramref name="count"/> rows of <paramref name="dimension"/> floats (copied and normalised).</summary>
    public ExactCosineIndex(ReadOnlySpan<float> rows, int count, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (rows.Length != (long)count * dimension)
        {
            throw new ArgumentException($"Expected {count} x {dimension} = {(long)count * dimension} floats, got {rows.Length}.", nameof(rows));
        }

        Count = count;
        Dimension = dimension;
        _matrix = rows.ToArray();
        for (var i = 0; i < count; i++)
        {
            Normalise(_matrix.AsSpan(i * dimension, dimension));
        }
    }

    /// <summary>How many vectors.</summary>
    public int Count { get; }

    /// <summary>Vector length.</summary>
    public int Dimension { get; }

    /// <summary>The normalised row <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => _matrix.AsSpan(index * Dimension, Dimension);

    /// <summary>The indices and cosine similarities of the <paramref name="k"/> rows nearest <paramref name="query"/>, best first; <paramref name="exclude"/> is skipped (-1 for none).</summary>
    public (int Index, float Similarity)[] Search(ReadOnlySpan<float> query, int k, int exclude = -1)
    {
        if (query.Length != Dimension)
        {
            throw LatentOpsException.InvalidInput($"The query vector has {query.Length} dimensions; the stored vectors have {Dimension}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var q = query.ToArray();
        Normalise(q);
        var top = new TopK(k);
        var matrix = _matrix.AsSpan();
        var dimension = Dimension;
        for (var i = 0; i < Count; i++)
        {
            var score = TensorPrimitives.Dot(matrix.Slice(i * dimension, dimension), q);
            if (score > top.Threshold && i != exclude)
            {
                top.Offer(i, score);
            }
        }

        return top.Results();
    }

    /// <summary>Scales <paramref name="vector"/> to unit length in place (a zero vector stays zero).</summary>
    public static void Normalise(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
