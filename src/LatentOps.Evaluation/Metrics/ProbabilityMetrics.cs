namespace LatentOps.Evaluation.Metrics;

/// <summary>
/// scikit-learn <c>log_loss</c> with every class given as a label: probabilities clipped to
/// [eps, 1 - eps] (eps = 2^-52), rows renormalised, mean negative log-likelihood of the true class.
/// </summary>
internal sealed class LogLossMetric : IMetric
{
    public string Name => "logLoss";

    public IReadOnlyList<PredictionTask> Tasks { get; } = [PredictionTask.Binary, PredictionTask.Multiclass];

    public double Compute(PredictionSet predictions)
    {
        if (predictions.Count == 0)
        {
            return double.NaN;
        }

        const double eps = 2.220446049250313e-16; // numpy.finfo(float64).eps
        double total = 0;
        var labels = predictions.Labels;
        for (var i = 0; i < predictions.Count; i++)
        {
            var row = predictions.Row(i);
            double sum = 0;
            for (var c = 0; c < row.Length; c++)
            {
                sum += Math.Clamp(row[c], eps, 1 - eps);
            }

            total -= Math.Log(Math.Clamp(row[labels[i]], eps, 1 - eps) / sum);
        }

        return total / predictions.Count;
    }
}

/// <summary>
/// Brier score: binary, scikit-learn <c>brier_score_loss</c> (mean squared difference between the
/// positive probability and the 0/1 label); multiclass, the mean over rows of the squared distance
/// between the probability vector and the one-hot label (scikit-learn 1.2.1 has no multiclass form).
/// </summary>
internal sealed class BrierLossMetric : IMetric
{
    public string Name => "brierLoss";

    public IReadOnlyList<PredictionTask> Tasks { get; } = [PredictionTask.Binary, PredictionTask.Multiclass];

    public double Compute(PredictionSet predictions)
    {
        if (predictions.Count == 0)
        {
            return double.NaN;
        }

        double total = 0;
        var labels = predictions.Labels;
        var binary = predictions.Task == PredictionTask.Binary;
        for (var i = 0; i < predictions.Count; i++)
        {
            if (binary)
            {
                var d = (labels[i] == 1 ? 1.0 : 0.0) - predictions.Probability(i, 1);
                total += d * d;
                continue;
            }

            var row = predictions.Row(i);
            for (var c = 0; c < row.Length; c++)
            {
                var d = row[c] - (labels[i] == c ? 1.0 : 0.0);
                total += d * d;
            }
        }

        return total / predictions.Count;
    }
}
