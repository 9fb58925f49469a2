namespace LatentOps.Evaluation.Robustness;

/// <summary>The metric under a gradient-sign (FGSM) attack at several strengths.</summary>
/// <param name="Metric">The metric measured.</param>
/// <param name="CleanValue">Its value without attack.</param>
/// <param name="Points">One point per epsilon (the L-infinity step in input units; standardised features make 0.1 a tenth of a standard deviation).</param>
public sealed record AdversarialResult(string Metric, double CleanValue, IReadOnlyList<RobustnessPoint> Points);
