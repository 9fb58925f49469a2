using LatentOps.Core.Tables;

namespace LatentOps.Serving.Models;

/// <summary>One request's rows, bound to the model signature, waiting for a batch.</summary>
/// <param name="Rows">The bound rows.</param>
/// <param name="WantProbabilities">True for /predict: class probabilities are computed too.</param>
internal sealed record InferenceRequest(Table Rows, bool WantProbabilities);
