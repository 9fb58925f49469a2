namespace LatentOps.Evaluation.Calibration;

/// <summary>How well predicted confidence matches observed accuracy.</summary>
/// <param name="ExpectedCalibrationError">ECE: sum over bins of (rows in bin / rows) x |accuracy - confidence|.</param>
/// <param name="MaximumCalibrationError">MCE: the largest |accuracy - confidence| over non-empty bins.</param>
/// <param name="BinCount">Equal-width bins on [0, 1] used (the setting).</param>
/// <param name="Bins">The reliability diagram.</param>
/// <param name="Rows">Rows evaluated.</param>
public sealed record CalibrationResult(double ExpectedCalibrationError, double MaximumCalibrationError, int BinCount, IReadOnlyList<ReliabilityBin> Bins, int Rows);
