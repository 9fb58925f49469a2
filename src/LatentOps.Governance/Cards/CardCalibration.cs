using LatentOps.Evaluation.Calibration;

namespace LatentOps.Governance.Cards;

/// <summary>How well the model's confidence matches how often it is right.</summary>
/// <param name="ExpectedCalibrationError">ECE (lower is better).</param>
/// <param name="MaximumCalibrationError">MCE, when known.</param>
/// <param name="Bins">The reliability diagram (empty when only the metric was recorded).</param>
/// <param name="Temperature">The fitted temperature, when temperature scaling was fitted.</param>
/// <param name="CalibratedExpectedCalibrationError">ECE after temperature scaling, when fitted.</param>
public sealed record CardCalibration(double ExpectedCalibrationError, double? MaximumCalibrationError, IReadOnlyList<ReliabilityBin> Bins, double? Temperature, double? CalibratedExpectedCalibrationError);
