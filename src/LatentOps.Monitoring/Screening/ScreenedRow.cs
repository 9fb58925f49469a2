namespace LatentOps.Monitoring.Screening;

/// <summary>A new training row flagged by screening.</summary>
/// <param name="Row">Row index in the new data.</param>
/// <param name="Reason"><c>outlier</c> or <c>suspected-label-flip</c>.</param>
/// <param name="Score">Outlier: mean distance to the k nearest reference rows. Flip: share of neighbours agreeing on <paramref name="SuggestedLabel"/>.</param>
/// <param name="Threshold">The threshold it crossed (distance quantile, or the agreement share).</param>
/// <param name="Label">The row's own label (flips only).</param>
/// <param name="SuggestedLabel">The neighbours' majority label (flips only).</param>
public sealed record ScreenedRow(int Row, string Reason, double Score, double Threshold, int? Label = null, int? SuggestedLabel = null);
