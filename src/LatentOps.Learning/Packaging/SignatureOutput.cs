namespace LatentOps.Learning.Packaging;

/// <summary>One output of a model signature.</summary>
/// <param name="Name">"embedding" or "probabilities".</param>
/// <param name="ElementType">The element type, "float32".</param>
/// <param name="Shape">The shape; -1 is the number of rows.</param>
/// <param name="Labels">For probabilities: the class names in column order.</param>
public sealed record SignatureOutput(string Name, string ElementType, IReadOnlyList<int> Shape, IReadOnlyList<string>? Labels = null);
