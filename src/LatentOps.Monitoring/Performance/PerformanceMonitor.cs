namespace LatentOps.Monitoring.Performance;

/// <summary>
/// Per-window performance of a classifier in production: CBPE (confidence-based performance
/// estimation, NannyML) without labels, with sampling-error bands; realised accuracy and calibration
/// error (ECE) where feedback labels have arrived. CBPE assumes calibrated probabilities; watch the ECE
/// per window to see when that stops holding.
/// </summary>
public sealed class PerformanceMonitor
{
    private readonly PerformanceOptions _options;

    /// <summary>Creates the monitor; options are validated on <see cref="Run"/>.</summary>
    public PerformanceMonitor(PerformanceOptions? options = null) => _options = options ?? new PerformanceOptions();

    /// <summary>Computes every window.</summary>
    public IReadOnlyList<PerformanceWindow> Run(ScoredPredictions predictions, WindowSpec windows)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(windows);
        _options.Validate();
        var result = new List<PerformanceWindow>();
        var cut = windows.Cut(predictions.Rows, predictions.Times);
        for (var w = 0; w < cut.Count; w++)
        {
            var (rows, start, end) = cut[w];
            double sum = 0, variance = 0;
            var labelled = new List<(double Confidence, bool Correct)>();
            foreach (var r in rows)
            {
                var (cls, confidence) = predictions.Predicted(r);
                sum += confidence;
                variance += confidence * (1 - confidence);
                if (predictions.Labels?[r] is { } label)
                {
                    labelled.Add((confidence, label == cls));
                }
            }

            var estimate = sum / rows.Length;
            var se = Math.Sqrt(variance) / rows.Length;
            var enough = labelled.Count >= _options.MinimumLabelledRows;
            result.Add(new PerformanceWindow(
                w,
                start,
                end,
                rows.Length,
                estimate,
                se,
                Math.Max(0, estimate - (_options.BandWidth * se)),
                Math.Min(1, estimate + (_options.BandWidth * se)),
                labelled.Count,
                enough ? labelled.Count(l => l.Correct) / (double)labelled.Count : null,
                enough ? ExpectedCalibrationError(labelled, _options.CalibrationBins) : null));
        }

        return result;
    }

    /// <summary>
    /// ECE: sum over equal-width bins of (rows in bin / rows) x |accuracy - mean confidence|, on the top-class
    /// probability. A minimal internal copy until LatentOps.Evaluation's calibration can be referenced.
    /// </summary>
    internal static double ExpectedCalibrationError(IReadOnlyList<(double Confidence, bool Correct)> rows, int bins)
    {
        var count = new int[bins];
        var confidence = new double[bins];
        var correct = new double[bins];
        foreach (var (c, ok) in rows)
        {
            var b = Math.Min(bins - 1, (int)(c * bins));
            count[b]++;
            confidence[b] += c;
            correct[b] += ok ? 1 : 0;
        }

        var ece = 0.0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                ece += (double)count[b] / rows.Count * Math.Abs((correct[b] / count[b]) - (confidence[b] / count[b]));
            }
        }

        return ece;
    }
}
