using LatentOps.Evaluation.Calibration;

namespace LatentOps.Evaluation.Suite;

/// <summary>Temperature scaling fitted on one part of the rows and measured on the other.</summary>
/// <param name="Scaler">The fitted temperature with its validation losses.</param>
/// <param name="HeldOutRows">Rows it was measured on.</param>
/// <param name="LogLossBefore">Held-out log loss (NLL) before scaling.</param>
/// <param name="LogLossAfter">Held-out log loss after.</param>
/// <param name="Before">Held-out calibration before.</param>
/// <param name="After">Held-out calibration after.</param>
public sealed record TemperatureScalingResult(TemperatureScaler Scaler, int HeldOutRows, double LogLossBefore, double LogLossAfter, CalibrationResult Before, CalibrationResult After);
