using System.Numerics.Tensors;

namespace LatentOps.Evaluation.Probes;

/// <summary>
/// The kNN probe: cosine similarity on L2-normalised rows, the k most similar training rows vote
/// (uniform weights); the class probabilities are the vote shares. Ties in similarity go to the
/// lower training row index.
/// </summary>
public static class KnnProbe
{
    /// <summary>The default number of neighbours (20, as in the representation-learning literature).</summary>
    public const int DefaultK = 20;

    /// <summary>Class probabilities of the query rows, row-major (queries x classes).</summary>
    public static double[] PredictProbabilities(float[][] train, int[] labels, int classCount, float[][] queries, int k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(queries);
        var d = FeatureMatrix.Width(train, nameof(train));
        if (FeatureMatrix.Width(queries, nameof(queries)) != d)
        {
            throw new ArgumentException("Queries and training rows have different widths.", nameof(queries));
        }

        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        }

        k = Math.Min(k, train.Length);
        var normalisedTrain = Normalise(train, d);
        var output = new double[queries.Length * classCount];
        var similarities = new float[train.Length];
        var best = new (float Similarity, int Row)[k];
        var query = new float[d];
        for (var q = 0; q < queries.Length; q++)
        {
            queries[q].CopyTo(query, 0);
            NormaliseInPlace(query);
            for (var i = 0; i < train.Length; i++)
            {
                similarities[i] = TensorPrimitives.Dot(new ReadOnlySpan<float>(normalisedTrain, i * d, d), query);
            }

            // Keep the k largest (similarity desc, row asc) with a small insertion list.
            var filled = 0;
            for (var i = 0; i < train.Length; i++)
            {
                var s = similarities[i];
                if (filled == k && s <= best[k - 1].Similarity)
                {
                    continue;
                }

                var position = filled < k ? filled++ : k - 1;
                while (position > 0 && best[position - 1].Similarity < s)
                {
                    best[position] = best[position - 1];
                    position--;
                }

                best[position] = (s, i);
            }

            for (var j = 0; j < k; j++)
            {
                output[(q * classCount) + labels[best[j].Row]] += 1.0 / k;
            }
        }

        return output;
    }

    private static float[] Normalise(float[][] rows, int d)
    {
        var output = new float[rows.Length * d];
        for (var i = 0; i < rows.Length; i++)
        {
            var target = new Span<float>(output, i * d, d);
            rows[i].CopyTo(target);
            NormaliseInPlace(target);
        }

        return output;
    }

    private static void NormaliseInPlace(Span<float> row)
    {
        var norm = TensorPrimitives.Norm(row);
        if (norm > 0)
        {
            TensorPrimitives.Divide(row, norm, row);
        }
    }
}
