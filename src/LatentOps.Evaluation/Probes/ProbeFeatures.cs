namespace LatentOps.Evaluation.Probes;

/// <summary>One kind of features for the probes, split into training and held-out rows.</summary>
/// <param name="Name">"embedding", "raw", or another label shown in reports.</param>
/// <param name="Train">Training rows.</param>
/// <param name="Test">Held-out rows, row-aligned with the held-out labels.</param>
public sealed record ProbeFeatures(string Name, float[][] Train, float[][] Test);
