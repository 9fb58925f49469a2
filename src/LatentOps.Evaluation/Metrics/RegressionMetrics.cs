namespace LatentOps.Evaluation.Metrics;

/// <summary>Which regression metric.</summary>
internal enum RegressionKind
{
    MeanAbsoluteError,
    MeanSquaredError,
    RootMeanSquaredError,
    R2,
}

/// <summary>
/// scikit-learn <c>mean_absolute_error</c>, <c>mean_squared_error</c> (and its square root) and
/// <c>r2_score</c>. R2 with a constant target is 1 when every prediction is exact, else 0 (scikit-learn's
/// <c>force_finite</c>).
/// </summary>
internal sealed class RegressionMetric(RegressionKind kind) : IMetric
{
    public string Name { get; } = kind switch
    {
        RegressionKind.MeanAbsoluteError => "meanAbsoluteError",
        RegressionKind.MeanSquaredError => "meanSquaredError",
        RegressionKind.RootMeanSquaredError => "rootMeanSquaredError",
        _ => "r2Score",
    };

    public IReadOnlyList<PredictionTask> Tasks { get; } = [PredictionTask.Regression];

    public double Compute(PredictionSet predictions)
    {
        var n = predictions.Count;
        if (n == 0)
        {
            return double.NaN;
        }

        var actual = predictions.Actual;
        var predicted = predictions.PredictedValues;
        double absolute = 0, squared = 0, mean = 0;
        for (var i = 0; i < n; i++)
        {
            var d = actual[i] - predicted[i];
            absolute += Math.Abs(d);
            squared += d * d;
            mean += actual[i];
        }

        mean /= n;
        switch (kind)
        {
            case RegressionKind.MeanAbsoluteError:
                return absolute / n;
            case RegressionKind.MeanSquaredError:
                return squared / n;
            case RegressionKind.RootMeanSquaredError:
                return Math.Sqrt(squared / n);
            default:
                double total = 0;
                for (var i = 0; i < n; i++)
                {
                    total += (actual[i] - mean) * (actual[i] - mean);
                }

                if (total == 0)
                {
                    return squared == 0 ? 1 : 0;
                }

                return 1 - (squared / total);
        }
    }
}
