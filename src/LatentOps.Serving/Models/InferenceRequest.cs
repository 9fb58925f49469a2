using LatentOps.Learning.Preprocessing;

namespace LatentOps.Serving.Models;

/// <summary>One request's rows, preprocessed, waiting for a batch.</summary>
/// <param name="Input">The rows as encoder input.</param>
/// <param name="WantProbabilities">True for /predict: class probabilities are computed too.</param>
internal sealed record InferenceRequest(EncodedTable Input, bool WantProbabilities);
