namespace LatentOps.Evaluation.Metrics;

/// <summary>Per-class counts shared by the counting metrics: true positives, predicted and true totals.</summary>
internal sealed class ClassCounts
{
    private ClassCounts(long[,] matrix, long[] truePositives, long[] predictedTotals, long[] trueTotals)
    {
        Matrix = matrix;
        TruePositives = truePositives;
        PredictedTotals = predictedTotals;
        TrueTotals = trueTotals;
    }

    /// <summary>Confusion counts: [true class, predicted class].</summary>
    public long[,] Matrix { get; }

    public long[] TruePositives { get; }

    public long[] PredictedTotals { get; }

    public long[] TrueTotals { get; }

    public int ClassCount => TrueTotals.Length;

    /// <summary>A class appears in the labels or the predictions (scikit-learn's <c>unique_labels</c>).</summary>
    public bool IsPresent(int c) => TrueTotals[c] > 0 || PredictedTotals[c] > 0;

    public static ClassCounts From(PredictionSet set)
    {
        var k = set.ClassCount;
        var matrix = new long[k, k];
        var labels = set.Labels;
        var predicted = set.Predicted;
        for (var i = 0; i < set.Count; i++)
        {
            matrix[labels[i], predicted[i]]++;
        }

        var tp = new long[k];
        var pred = new long[k];
        var truth = new long[k];
        for (var a = 0; a < k; a++)
        {
            tp[a] = matrix[a, a];
            for (var b = 0; b < k; b++)
            {
                truth[a] += matrix[a, b];
                pred[b] += matrix[a, b];
            }
        }

        return new ClassCounts(matrix, tp, pred, truth);
    }
}
