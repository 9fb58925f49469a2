using LatentOps.Evaluation.Robustness;

namespace LatentOps.Governance.Cards;

/// <summary>How the metric degrades under input perturbations.</summary>
/// <param name="Metric">The metric measured.</param>
/// <param name="CleanValue">Its value on unperturbed data.</param>
/// <param name="Noise">Gaussian noise on numeric features, by level (standard deviations).</param>
/// <param name="CategorySwaps">Random category swaps, by share of cells swapped.</param>
/// <param name="DroppedFeatures">One feature removed at a time, largest drop first.</param>
/// <param name="Adversarial">The metric under a gradient-sign attack, by strength (empty when not measured).</param>
public sealed record CardRobustness(
    string Metric,
    double CleanValue,
    IReadOnlyList<RobustnessPoint> Noise,
    IReadOnlyList<RobustnessPoint> CategorySwaps,
    IReadOnlyList<FeatureDropResult> DroppedFeatures,
    IReadOnlyList<RobustnessPoint> Adversarial);
