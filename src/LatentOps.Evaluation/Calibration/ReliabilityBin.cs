namespace LatentOps.Evaluation.Calibration;

/// <summary>One bin of a reliability diagram: rows whose max-probability lies in (Lower, Upper].</summary>
/// <param name="Lower">Lower edge (exclusive).</param>
/// <param name="Upper">Upper edge (inclusive).</param>
/// <param name="Count">Rows in the bin.</param>
/// <param name="MeanConfidence">Mean max-probability of those rows (NaN when empty).</param>
/// <param name="Accuracy">Share of those rows whose arg-max class is the true class (NaN when empty).</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);
