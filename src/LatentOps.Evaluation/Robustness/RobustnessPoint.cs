namespace LatentOps.Evaluation.Robustness;

/// <summary>The metric at one perturbation strength.</summary>
/// <param name="Level">Noise in standard deviations, or the share of cells swapped.</param>
/// <param name="Value">The metric on the perturbed data.</param>
/// <param name="Drop">Clean value minus this value, oriented so a positive drop is a loss (for losses and errors, this value minus clean).</param>
public sealed record RobustnessPoint(double Level, double Value, double Drop);
