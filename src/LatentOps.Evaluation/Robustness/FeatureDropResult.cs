namespace LatentOps.Evaluation.Robustness;

/// <summary>The metric with one feature removed (every value missing).</summary>
/// <param name="Feature">The column dropped.</param>
/// <param name="Value">The metric without it.</param>
/// <param name="Drop">How much worse than the clean value (positive is a loss).</param>
public sealed record FeatureDropResult(string Feature, double Value, double Drop);
