namespace LatentOps.Learning.Packaging;

/// <summary>What a packaged model takes and returns.</summary>
/// <param name="Inputs">The input columns with their types, in order.</param>
/// <param name="Outputs">The outputs: the embedding, and class probabilities when the model has a head.</param>
public sealed record ModelSignature(IReadOnlyList<SignatureInput> Inputs, IReadOnlyList<SignatureOutput> Outputs);
