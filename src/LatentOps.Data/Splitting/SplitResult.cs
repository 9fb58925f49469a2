namespace LatentOps.Data.Splitting;

/// <summary>The parts of a split (train, optional validation, test) with the settings used.</summary>
/// <param name="Parts">Train first, test last.</param>
/// <param name="Method">The method used.</param>
/// <param name="TestFraction">The test share asked for.</param>
/// <param name="ValidationFraction">The validation share asked for.</param>
/// <param name="Seed">The seed used.</param>
/// <param name="Column">The driving column, if any.</param>
public sealed record SplitResult(IReadOnlyList<SplitPart> Parts, SplitMethod Method, double TestFraction, double ValidationFraction, int Seed, string? Column);
