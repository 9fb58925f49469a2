using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Calibration;

/// <summary>
/// Temperature scaling (Guo et al. 2017) fitted on a validation set by minimising the negative
/// log-likelihood of softmax(log p / T). The loss is convex in 1/T, so the fit is a bisection on its
/// derivative: deterministic, no learning rate, exact to machine precision.
/// </summary>
public static class TemperatureScaling
{
    private const double Eps = 2.220446049250313e-16;
    private const double MinInverse = 1e-3;
    private const double MaxInverse = 1e3;

    /// <summary>Fits T on <paramref name="validation"/> (a classification set with at least one row).</summary>
    public static TemperatureScaler Fit(PredictionSet validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (!validation.IsClassification || validation.Count == 0)
        {
            throw new ArgumentException("Temperature scaling needs a non-empty classification set.", nameof(validation));
        }

        var k = validation.ClassCount;
        var n = validation.Count;
        var z = new double[n * k];
        var logits = new double[k];
        for (var i = 0; i < n; i++)
        {
            Logits(validation.Row(i), logits);
            logits.CopyTo(z, i * k);
        }

        var labels = validation.Labels.ToArray();
        double lo = Math.Log(MinInverse), hi = Math.Log(MaxInverse);
        double beta;
        if (Derivative(z, labels, k, Math.Exp(lo)) >= 0)
        {
            beta = Math.Exp(lo);
        }
        else if (Derivative(z, labels, k, Math.Exp(hi)) <= 0)
        {
            beta = Math.Exp(hi);
        }
        else
        {
            for (var iteration = 0; iteration < 200 && hi - lo > 1e-14; iteration++)
            {
                var mid = (lo + hi) / 2;
                if (Derivative(z, labels, k, Math.Exp(mid)) > 0)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            beta = Math.Exp((lo + hi) / 2);
        }

        var logLoss = MetricCatalog.Get("logLoss");
        var scaler = new TemperatureScaler(1 / beta, n, logLoss.Compute(validation), double.NaN);
        return scaler with { ValidationLossAfter = logLoss.Compute(scaler.Transform(validation)) };
    }

    /// <summary>log p with p clipped to [eps, 1] (the logits of a softmax that gives back p).</summary>
    internal static void Logits(ReadOnlySpan<double> probabilities, Span<double> logits)
    {
        for (var c = 0; c < probabilities.Length; c++)
        {
            logits[c] = Math.Log(Math.Max(probabilities[c], Eps));
        }
    }

    /// <summary>d/d(beta) of mean NLL of softmax(beta z): mean over rows of E_softmax[z] - z_true.</summary>
    private static double Derivative(double[] z, int[] labels, int k, double beta)
    {
        double total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var row = z.AsSpan(i * k, k);
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                max = Math.Max(max, beta * row[c]);
            }

            double sum = 0, weighted = 0;
            for (var c = 0; c < k; c++)
            {
                var e = Math.Exp((beta * row[c]) - max);
                sum += e;
                weighted += e * row[c];
            }

            total += (weighted / sum) - row[labels[i]];
        }

        return total / labels.Length;
    }
}
