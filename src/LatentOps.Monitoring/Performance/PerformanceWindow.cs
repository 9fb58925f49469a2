namespace LatentOps.Monitoring.Performance;

/// <summary>Estimated and realised performance of one window.</summary>
/// <param name="Index">Window number from 0.</param>
/// <param name="Start">First row time (or window start), when rows have times.</param>
/// <param name="End">Last row time (or window end), when rows have times.</param>
/// <param name="Rows">Rows in the window.</param>
/// <param name="EstimatedAccuracyScore">CBPE: the mean top-class probability, the expected accuracy of calibrated predictions.</param>
/// <param name="EstimatedAccuracyStandardError">sqrt(sum p(1 - p)) / n: how far realised accuracy scatters around the estimate.</param>
/// <param name="LowerBand">Estimate minus <see cref="PerformanceOptions.BandWidth"/> standard errors (clipped to [0, 1]).</param>
/// <param name="UpperBand">Estimate plus the same.</param>
/// <param name="LabelledRows">Rows with feedback labels.</param>
/// <param name="RealisedAccuracyScore">Accuracy on the labelled rows, or null when there are fewer than the minimum.</param>
/// <param name="CalibrationError">ECE (15 equal-width bins on the top-class probability) on the labelled rows, or null.</param>
public sealed record PerformanceWindow(
    int Index,
    DateTime? Start,
    DateTime? End,
    int Rows,
    double EstimatedAccuracyScore,
    double EstimatedAccuracyStandardError,
    double LowerBand,
    double UpperBand,
    int LabelledRows,
    double? RealisedAccuracyScore,
    double? CalibrationError);
