using LatentOps.Core.Errors;

namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>Embeddings (or any fixed-length vectors) as a dense row-major matrix of floats.</summary>
public sealed class EmbeddingMatrix
{
    /// <summary>Wraps <paramref name="values"/> (row-major, <paramref name="rows"/> x <paramref name="dimensions"/>); the array is not copied.</summary>
    public EmbeddingMatrix(float[] values, int rows, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if ((long)rows * dimensions != values.Length)
        {
            throw new ArgumentException($"{values.Length} values cannot form {rows} x {dimensions}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw LatentOpsException.InvalidInput($"Embedding row {i / dimensions}, component {i % dimensions} is {values[i]}; embeddings must be finite numbers.");
            }
        }

        Values = values;
        Rows = rows;
        Dimensions = dimensions;
    }

    /// <summary>The values, row after row.</summary>
    public float[] Values { get; }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>The length of each row.</summary>
    public int Dimensions { get; }

    /// <summary>One row.</summary>
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Dimensions, Dimensions);

    /// <summary>Builds a matrix from rows of equal length.</summary>
    public static EmbeddingMatrix FromRows(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw LatentOpsException.InvalidInput("There are no embedding rows; at least one is needed.");
        }

        var d = rows[0].Length;
        var values = new float[rows.Count * d];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != d)
            {
                throw LatentOpsException.InvalidInput($"Embedding row {i} has {rows[i].Length} components; row 0 has {d}.");
            }

            rows[i].CopyTo(values, i * d);
        }

        return new EmbeddingMatrix(values, rows.Count, d);
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public EmbeddingMatrix Take(ReadOnlySpan<int> indices)
    {
        var values = new float[indices.Length * Dimensions];
        for (var i = 0; i < indices.Length; i++)
        {
            Row(indices[i]).CopyTo(values.AsSpan(i * Dimensions, Dimensions));
        }

        return new EmbeddingMatrix(values, indices.Length, Dimensions);
    }

    /// <summary>One component (column) as doubles.</summary>
    public double[] Component(int dimension)
    {
        var column = new double[Rows];
        for (var i = 0; i < Rows; i++)
        {
            column[i] = Values[(i * Dimensions) + dimension];
        }

        return column;
    }
}
