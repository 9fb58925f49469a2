namespace LatentOps.Evaluation.Probes;

/// <summary>One C tried by the linear probe's cross-validation.</summary>
/// <param name="C">The inverse regularisation strength.</param>
/// <param name="CrossValidatedLoss">Mean held-out log loss over the folds.</param>
public sealed record ProbeCandidate(double C, double CrossValidatedLoss);
