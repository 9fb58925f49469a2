namespace LatentOps.Evaluation.Ablations;

/// <summary>One factor to vary: a setting name and the values to try instead of the base value.</summary>
/// <param name="Name">The setting (e.g. "dim", "corruptionRate").</param>
/// <param name="Values">Values to try, one variant each.</param>
public sealed record AblationFactor(string Name, IReadOnlyList<string> Values);
