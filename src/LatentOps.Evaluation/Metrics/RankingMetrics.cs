namespace LatentOps.Evaluation.Metrics;

/// <summary>Shared one-vs-rest plumbing for the ranking metrics.</summary>
internal static class OneVsRest
{
    public static bool[] IsClass(PredictionSet set, int c)
    {
        var labels = set.Labels;
        var positive = new bool[set.Count];
        for (var i = 0; i < positive.Length; i++)
        {
            positive[i] = labels[i] == c;
        }

        return positive;
    }
}

/// <summary>
/// scikit-learn <c>roc_auc_score</c>: binary on the positive-class probability; multiclass one-vs-rest
/// macro average. NaN where scikit-learn raises: one class present (binary), or a class absent from
/// the labels (multiclass).
/// </summary>
internal sealed class RocAucMetric : IMetric
{
    public string Name => "rocAucScore";

    public IReadOnlyList<PredictionTask> Tasks { get; } = [PredictionTask.Binary, PredictionTask.Multiclass];

    public double Compute(PredictionSet predictions)
    {
        if (predictions.Task == PredictionTask.Binary)
        {
            return RankingCurves.RocAuc(OneVsRest.IsClass(predictions, 1), predictions.ClassScores(1));
        }

        double sum = 0;
        for (var c = 0; c < predictions.ClassCount; c++)
        {
            var auc = RankingCurves.RocAuc(OneVsRest.IsClass(predictions, c), predictions.ClassScores(c));
            if (double.IsNaN(auc))
            {
                return double.NaN;
            }

            sum += auc;
        }

        return sum / predictions.ClassCount;
    }
}

/// <summary>
/// scikit-learn <c>average_precision_score</c>: binary on the positive-class probability; multiclass
/// as the macro average over one-hot columns (a class absent from the labels scores 0).
/// </summary>
internal sealed class AveragePrecisionMetric : IMetric
{
    public string Name => "averagePrecisionScore";

    public IReadOnlyList<PredictionTask> Tasks { get; } = [PredictionTask.Binary, PredictionTask.Multiclass];

    public double Compute(PredictionSet predictions)
    {
        if (predictions.Count == 0)
        {
            return double.NaN;
        }

        if (predictions.Task == PredictionTask.Binary)
        {
            return RankingCurves.AveragePrecision(OneVsRest.IsClass(predictions, 1), predictions.ClassScores(1));
        }

        double sum = 0;
        for (var c = 0; c < predictions.ClassCount; c++)
        {
            sum += RankingCurves.AveragePrecision(OneVsRest.IsClass(predictions, c), predictions.ClassScores(c));
        }

        return sum / predictions.ClassCount;
    }
}

/// <summary>Area under the precision-recall curve by trapezoids (binary): scikit-learn <c>auc(recall, precision)</c>.</summary>
internal sealed class PrAucMetric : IMetric
{
    public string Name => "prAucScore";

    public IReadOnlyList<PredictionTask> Tasks { get; } = [PredictionTask.Binary];

    public double Compute(PredictionSet predictions) =>
        predictions.Count == 0 ? double.NaN : RankingCurves.PrAuc(OneVsRest.IsClass(predictions, 1), predictions.ClassScores(1));
}
