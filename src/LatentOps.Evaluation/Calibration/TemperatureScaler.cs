using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Calibration;

/// <summary>
/// A fitted temperature: probabilities are recalibrated as softmax(log p / T). T &gt; 1 softens
/// over-confident predictions, T &lt; 1 sharpens under-confident ones; the arg-max class never
/// changes, so accuracy is unchanged. Fit with <see cref="TemperatureScaling.Fit"/>.
/// </summary>
/// <param name="Temperature">T, in [0.001, 1000].</param>
/// <param name="ValidationRows">Rows it was fitted on.</param>
/// <param name="ValidationLossBefore">Validation log loss (NLL) at T = 1.</param>
/// <param name="ValidationLossAfter">Validation log loss at the fitted T.</param>
public sealed record TemperatureScaler(double Temperature, int ValidationRows, double ValidationLossBefore, double ValidationLossAfter)
{
    /// <summary>The same set with recalibrated probabilities.</summary>
    public PredictionSet Transform(PredictionSet predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var k = predictions.ClassCount;
        var output = new double[predictions.Count * k];
        var logits = new double[k];
        for (var i = 0; i < predictions.Count; i++)
        {
            TemperatureScaling.Logits(predictions.Row(i), logits);
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                logits[c] /= Temperature;
                max = Math.Max(max, logits[c]);
            }

            double sum = 0;
            for (var c = 0; c < k; c++)
            {
                logits[c] = Math.Exp(logits[c] - max);
                sum += logits[c];
            }

            for (var c = 0; c < k; c++)
            {
                output[(i * k) + c] = logits[c] / sum;
            }
        }

        return predictions.WithProbabilities(output);
    }
}
