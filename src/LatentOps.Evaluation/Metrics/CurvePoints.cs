namespace LatentOps.Evaluation.Metrics;

/// <summary>A curve (ROC or precision-recall) as points in drawing order, with the threshold at each point.</summary>
/// <param name="X">False-positive rate (ROC) or recall (precision-recall).</param>
/// <param name="Y">True-positive rate (ROC) or precision (precision-recall).</param>
/// <param name="Thresholds">The score threshold of each point (+infinity for the start point).</param>
public sealed record CurvePoints(IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double> Thresholds);
