namespace LatentOps.Evaluation.Metrics;

/// <summary>
/// The confusion matrix over every class (rows: true class, columns: predicted class) with the
/// per-class precision, recall, F1 (0 where 0/0) and support, as scikit-learn's
/// <c>confusion_matrix</c> and <c>precision_recall_fscore_support</c> with all labels given.
/// </summary>
/// <param name="ClassNames">Class names in index order.</param>
/// <param name="Counts">Counts[true][predicted].</param>
/// <param name="Precision">Per-class precision.</param>
/// <param name="Recall">Per-class recall.</param>
/// <param name="F1">Per-class F1.</param>
/// <param name="Support">Per-class number of true rows.</param>
public sealed record ConfusionMatrix(
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<IReadOnlyList<long>> Counts,
    IReadOnlyList<double> Precision,
    IReadOnlyList<double> Recall,
    IReadOnlyList<double> F1,
    IReadOnlyList<long> Support)
{
    /// <summary>Computes the matrix of a classification set.</summary>
    public static ConfusionMatrix Compute(PredictionSet predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (!predictions.IsClassification)
        {
            throw new ArgumentException("A confusion matrix needs a classification set.", nameof(predictions));
        }

        var counts = ClassCounts.From(predictions);
        var k = counts.ClassCount;
        var rows = new IReadOnlyList<long>[k];
        for (var a = 0; a < k; a++)
        {
            var row = new long[k];
            for (var b = 0; b < k; b++)
            {
                row[b] = counts.Matrix[a, b];
            }

            rows[a] = row;
        }

        return new ConfusionMatrix(
            predictions.ClassNames,
            rows,
            PrecisionRecallF1Metric.PerClass(PrfKind.Precision, predictions),
            PrecisionRecallF1Metric.PerClass(PrfKind.Recall, predictions),
            PrecisionRecallF1Metric.PerClass(PrfKind.F1, predictions),
            counts.TrueTotals);
    }
}
