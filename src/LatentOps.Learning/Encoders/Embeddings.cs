namespace LatentOps.Learning.Encoders;

/// <summary>Embeddings of a set of rows: a row-major Rows x Dimension matrix.</summary>
/// <param name="Rows">The number of rows.</param>
/// <param name="Dimension">The embedding width.</param>
/// <param name="Values">Rows x Dimension values, row-major.</param>
public sealed record Embeddings(int Rows, int Dimension, float[] Values)
{
    /// <summary>The embedding of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Dimension, Dimension);

    /// <summary>The embeddings of the rows at <paramref name="rows"/>, in that order.</summary>
    public Embeddings Take(ReadOnlySpan<int> rows)
    {
        var values = new float[rows.Length * Dimension];
        for (var i = 0; i < rows.Length; i++)
        {
            Row(rows[i]).CopyTo(values.AsSpan(i * Dimension, Dimension));
        }

        return new Embeddings(rows.Length, Dimension, values);
    }
}
