using LatentOps.Evaluation.Calibration;
using LatentOps.Evaluation.Metrics;

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
            var correct = 0;
            var labelled = new List<int>();
            foreach (var r in rows)
            {
                var (cls, confidence) = predictions.Predicted(r);
                sum += confidence;
                variance += confidence * (1 - confidence);
                if (predictions.Labels?[r] is { } label)
                {
                    labelled.Add(r);
                    correct += label == cls ? 1 : 0;
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
                enough ? correct / (double)labelled.Count : null,
                enough ? CalibrationError(predictions, labelled, _options.CalibrationBins) : null));
        }

        return result;
    }

    /// <summary>ECE of the labelled rows through Evaluation's calibration analysis (equal-width bins on the top-class probability).</summary>
    private static double CalibrationError(ScoredPredictions predictions, IReadOnlyList<int> rows, int bins)
    {
        var k = predictions.Classes;
        var labels = new int[rows.Count];
        var probabilities = new double[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            labels[i] = predictions.Labels![rows[i]]!.Value;
            probabilities[i] = [.. predictions.Probabilities.AsSpan(rows[i] * k, k).ToArray().Select(p => (double)p)];
        }

        var names = Enumerable.Range(0, k).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return CalibrationAnalysis.Compute(PredictionSet.Multiclass(labels, probabilities, names), bins).ExpectedCalibrationError;
    }
}
