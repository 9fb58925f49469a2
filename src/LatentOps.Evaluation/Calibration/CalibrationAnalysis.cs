using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Calibration;

/// <summary>
/// Expected and maximum calibration error on the max-probability (Guo et al. 2017): rows binned by
/// their top probability into equal-width bins (lower, upper] on [0, 1]; in each bin the accuracy of
/// the arg-max class is compared with the mean top probability. For binary sets the top probability is
/// max(p, 1 - p).
/// </summary>
public static class CalibrationAnalysis
{
    /// <summary>The default number of bins (15, the convention of the calibration literature).</summary>
    public const int DefaultBins = 15;

    /// <summary>Computes ECE, MCE and the reliability diagram.</summary>
    /// <param name="predictions">A classification set.</param>
    /// <param name="bins">Equal-width bins, 2 to 1000. The default is 15.</param>
    public static CalibrationResult Compute(PredictionSet predictions, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (!predictions.IsClassification)
        {
            throw new ArgumentException("Calibration needs a classification set.", nameof(predictions));
        }

        if (bins is < 2 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "The number of calibration bins must be between 2 and 1000.");
        }

        var count = new int[bins];
        var confidence = new double[bins];
        var correct = new double[bins];
        var labels = predictions.Labels;
        var predicted = predictions.Predicted;
        for (var i = 0; i < predictions.Count; i++)
        {
            var top = predictions.Probability(i, predicted[i]);
            var bin = BinOf(top, bins);
            count[bin]++;
            confidence[bin] += top;
            correct[bin] += labels[i] == predicted[i] ? 1 : 0;
        }

        var result = new ReliabilityBin[bins];
        double ece = 0, mce = 0;
        for (var b = 0; b < bins; b++)
        {
            var lower = Edge(b, bins);
            var upper = Edge(b + 1, bins);
            if (count[b] == 0)
            {
                result[b] = new ReliabilityBin(lower, upper, 0, double.NaN, double.NaN);
                continue;
            }

            var meanConfidence = confidence[b] / count[b];
            var accuracy = correct[b] / count[b];
            var gap = Math.Abs(accuracy - meanConfidence);
            ece += gap * count[b] / predictions.Count;
            mce = Math.Max(mce, gap);
            result[b] = new ReliabilityBin(lower, upper, count[b], meanConfidence, accuracy);
        }

        return predictions.Count == 0
            ? new CalibrationResult(double.NaN, double.NaN, bins, result, 0)
            : new CalibrationResult(ece, mce, bins, result, predictions.Count);
    }

    /// <summary>Bin edge <paramref name="b"/>: b x (1 / bins), as numpy's <c>linspace(0, 1, bins + 1)</c> computes it.</summary>
    internal static double Edge(int b, int bins) => b == bins ? 1 : b * (1.0 / bins);

    /// <summary>The bin (lower, upper] holding <paramref name="p"/>; 0 goes to the first bin.</summary>
    internal static int BinOf(double p, int bins)
    {
        // Smallest b with p <= (b + 1) / bins, checked exactly against the edges used above.
        var b = (int)Math.Ceiling(p * bins) - 1;
        b = Math.Clamp(b, 0, bins - 1);
        while (b > 0 && p <= Edge(b, bins))
        {
            b--;
        }

        while (b < bins - 1 && p > Edge(b + 1, bins))
        {
            b++;
        }

        return b;
    }
}
