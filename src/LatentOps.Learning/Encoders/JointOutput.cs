namespace LatentOps.Learning.Encoders;

/// <summary>Splits one forward pass's joined output (each row: embedding, then class probabilities) into the two arrays callers use.</summary>
internal static class JointOutput
{
    public static (float[] Embeddings, float[] Probabilities) Split(float[] both, int rows, int dimension, int classes)
    {
        var embeddings = new float[(long)rows * dimension];
        var probabilities = new float[(long)rows * classes];
        for (var r = 0; r < rows; r++)
        {
            both.AsSpan(r * (dimension + classes), dimension).CopyTo(embeddings.AsSpan(r * dimension));
            both.AsSpan((r * (dimension + classes)) + dimension, classes).CopyTo(probabilities.AsSpan(r * classes));
        }

        return (embeddings, probabilities);
    }
}
