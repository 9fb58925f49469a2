namespace LatentOps.Evaluation.Ablations;

/// <summary>One variant of an ablation (or the base) over several seeds.</summary>
/// <param name="Factor">The setting changed (null for the base).</param>
/// <param name="Value">Its value in this variant (null for the base).</param>
/// <param name="Settings">The full settings used.</param>
/// <param name="Scores">The metric for each seed, in seed order.</param>
/// <param name="Mean">Mean over seeds.</param>
/// <param name="Lower">Lower end of the t-interval of the mean.</param>
/// <param name="Upper">Upper end.</param>
/// <param name="Difference">Mean paired difference to the base (same seeds); 0 for the base.</param>
/// <param name="DifferenceLower">Lower end of the paired t-interval of the difference.</param>
/// <param name="DifferenceUpper">Upper end.</param>
/// <param name="Significant">True when the difference interval excludes 0.</param>
public sealed record AblationVariant(
    string? Factor,
    string? Value,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<double> Scores,
    double Mean,
    double Lower,
    double Upper,
    double Difference,
    double DifferenceLower,
    double DifferenceUpper,
    bool Significant);
