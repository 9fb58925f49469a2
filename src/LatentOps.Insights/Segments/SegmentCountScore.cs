namespace LatentOps.Insights.Segments;

/// <summary>How well customers split into a given number of segments.</summary>
/// <param name="Segments">The number of segments tried.</param>
/// <param name="SilhouetteScore">Mean silhouette in [-1, 1]: how much closer customers are to their own segment than to the next one (higher is better).</param>
public sealed record SegmentCountScore(int Segments, double SilhouetteScore);
