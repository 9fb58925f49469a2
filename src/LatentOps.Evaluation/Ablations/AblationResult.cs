namespace LatentOps.Evaluation.Ablations;

/// <summary>An ablation study: the base and each one-factor variant over the same seeds.</summary>
/// <param name="Metric">The metric compared.</param>
/// <param name="Seeds">Seeds every variant ran with.</param>
/// <param name="Confidence">Coverage of the t-intervals.</param>
/// <param name="Base">The base settings' result.</param>
/// <param name="Variants">Each variant, in factor then value order.</param>
/// <param name="Warnings">E.g. too few seeds for an interval.</param>
public sealed record AblationResult(string Metric, IReadOnlyList<int> Seeds, double Confidence, AblationVariant Base, IReadOnlyList<AblationVariant> Variants, IReadOnlyList<string> Warnings);
