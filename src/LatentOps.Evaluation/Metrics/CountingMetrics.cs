namespace LatentOps.Evaluation.Metrics;

/// <summary>scikit-learn <c>accuracy_score</c>.</summary>
internal sealed class AccuracyMetric : IMetric
{
    public string Name => "accuracyScore";

    public IReadOnlyList<PredictionTask> Tasks { get; } = [PredictionTask.Binary, PredictionTask.Multiclass];

    public double Compute(PredictionSet predictions)
    {
        if (predictions.Count == 0)
        {
            return double.NaN;
        }

        var correct = 0;
        var labels = predictions.Labels;
        var predicted = predictions.Predicted;
        for (var i = 0; i < predictions.Count; i++)
        {
            correct += labels[i] == predicted[i] ? 1 : 0;
        }

        return (double)correct / predictions.Count;
    }
}

/// <summary>scikit-learn <c>balanced_accuracy_score</c>: mean recall over the classes present in the labels.</summary>
internal sealed class BalancedAccuracyMetric : IMetric
{
    public string Name => "balancedAccuracyScore";

    public IReadOnlyList<PredictionTask> Tasks { get; } = [PredictionTask.Binary, PredictionTask.Multiclass];

    public double Compute(PredictionSet predictions)
    {
        var counts = ClassCounts.From(predictions);
        double sum = 0;
        var classes = 0;
        for (var c = 0; c < counts.ClassCount; c++)
        {
            if (counts.TrueTotals[c] > 0)
            {
                sum += (double)counts.TruePositives[c] / counts.TrueTotals[c];
                classes++;
            }
        }

        return classes == 0 ? double.NaN : sum / classes;
    }
}

/// <summary>Which of precision, recall and F1.</summary>
internal enum PrfKind
{
    Precision,
    Recall,
    F1,
}

/// <summary>
/// scikit-learn <c>precision_score</c>, <c>recall_score</c>, <c>f1_score</c> with
/// <c>zero_division=0</c>: a 0/0 ratio counts as 0. Macro and weighted averages run over the
/// classes present in the labels or the predictions, as scikit-learn does by default.
/// </summary>
internal sealed class PrecisionRecallF1Metric(PrfKind kind, Averaging averaging) : IMetric
{
    public string Name { get; } = kind.ToString().ToLowerInvariant() + (averaging == Averaging.Binary ? string.Empty : averaging.ToString()) + "Score";

    public IReadOnlyList<PredictionTask> Tasks { get; } = averaging == Averaging.Binary
        ? [PredictionTask.Binary]
        : [PredictionTask.Binary, PredictionTask.Multiclass];

    public double Compute(PredictionSet predictions)
    {
        var counts = ClassCounts.From(predictions);
        switch (averaging)
        {
            case Averaging.Binary:
                return Value(counts.TruePositives[1], counts.PredictedTotals[1], counts.TrueTotals[1]);
            case Averaging.Micro:
                return Value(counts.TruePositives.Sum(), counts.PredictedTotals.Sum(), counts.TrueTotals.Sum());
            default:
                double sum = 0, weights = 0;
                var present = 0;
                for (var c = 0; c < counts.ClassCount; c++)
                {
                    if (!counts.IsPresent(c))
                    {
                        continue;
                    }

                    var value = Value(counts.TruePositives[c], counts.PredictedTotals[c], counts.TrueTotals[c]);
                    present++;
                    if (averaging == Averaging.Weighted)
                    {
                        sum += value * counts.TrueTotals[c];
                        weights += counts.TrueTotals[c];
                    }
                    else
                    {
                        sum += value;
                    }
                }

                if (averaging == Averaging.Weighted)
                {
                    return weights == 0 ? 0 : sum / weights;
                }

                return present == 0 ? double.NaN : sum / present;
        }
    }

    /// <summary>One class's (or the micro-summed) value, as scikit-learn computes it.</summary>
    internal double Value(long truePositives, long predictedTotal, long trueTotal)
    {
        var precision = predictedTotal == 0 ? 0 : (double)truePositives / predictedTotal;
        var recall = trueTotal == 0 ? 0 : (double)truePositives / trueTotal;
        return kind switch
        {
            PrfKind.Precision => precision,
            PrfKind.Recall => recall,
            _ => precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
        };
    }

    /// <summary>The per-class values for every class index (absent classes give 0).</summary>
    internal static double[] PerClass(PrfKind kind, PredictionSet predictions)
    {
        var counts = ClassCounts.From(predictions);
        var metric = new PrecisionRecallF1Metric(kind, Averaging.Macro);
        var values = new double[counts.ClassCount];
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = metric.Value(counts.TruePositives[c], counts.PredictedTotals[c], counts.TrueTotals[c]);
        }

        return values;
    }
}

/// <summary>scikit-learn <c>matthews_corrcoef</c> (multiclass form; 0 when undefined).</summary>
internal sealed class MatthewsCorrelationMetric : IMetric
{
    public string Name => "matthewsCorrelationScore";

    public IReadOnlyList<PredictionTask> Tasks { get; } = [PredictionTask.Binary, PredictionTask.Multiclass];

    public double Compute(PredictionSet predictions)
    {
        var counts = ClassCounts.From(predictions);
        double n = predictions.Count;
        double correct = counts.TruePositives.Sum();
        double tp = 0, pp = 0, tt = 0;
        for (var c = 0; c < counts.ClassCount; c++)
        {
            tp += (double)counts.TrueTotals[c] * counts.PredictedTotals[c];
            pp += (double)counts.PredictedTotals[c] * counts.PredictedTotals[c];
            tt += (double)counts.TrueTotals[c] * counts.TrueTotals[c];
        }

        var covTp = (correct * n) - tp;
        var covPp = (n * n) - pp;
        var covTt = (n * n) - tt;
        return covPp * covTt == 0 ? 0 : covTp / Math.Sqrt(covTt * covPp);
    }
}
