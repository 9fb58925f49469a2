namespace LatentOps.Evaluation.Robustness;

/// <summary>How the metric degrades under input perturbations.</summary>
/// <param name="Metric">The metric measured.</param>
/// <param name="CleanValue">Its value on unperturbed data.</param>
/// <param name="Noise">Gaussian noise on numeric features, by level.</param>
/// <param name="CategorySwaps">Random category swaps, by rate.</param>
/// <param name="DroppedFeatures">One feature removed at a time, largest drop first.</param>
/// <param name="NumericFeatures">Columns noise was applied to.</param>
/// <param name="CategoricalFeatures">Columns swaps were applied to.</param>
/// <param name="Seed">Seed of the perturbations.</param>
public sealed record RobustnessResult(
    string Metric,
    double CleanValue,
    IReadOnlyList<RobustnessPoint> Noise,
    IReadOnlyList<RobustnessPoint> CategorySwaps,
    IReadOnlyList<FeatureDropResult> DroppedFeatures,
    IReadOnlyList<string> NumericFeatures,
    IReadOnlyList<string> CategoricalFeatures,
    int Seed);
