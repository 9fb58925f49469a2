namespace LatentOps.Serving.Models;

/// <summary>The answer to one <see cref="InferenceRequest"/>.</summary>
/// <param name="Embeddings">Row-major rows x dimension.</param>
/// <param name="Probabilities">Row-major rows x classes, when asked for and the model has a head.</param>
internal sealed record InferenceResult(float[] Embeddings, float[]? Probabilities);
