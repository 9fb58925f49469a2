namespace LatentOps.Evaluation.Robustness;

/// <summary>
/// A classifier that can give the gradient of its loss with respect to its (encoded, numeric) inputs:
/// what a gradient-sign (FGSM) attack needs. An encoder + head on TorchSharp implements it with
/// <c>requires_grad</c> on the input tensor and one backward pass; <see cref="Probes.LinearProbeModel"/>
/// implements it in closed form.
/// </summary>
public interface IDifferentiableClassifier
{
    /// <summary>
    /// Class probabilities (row-major, rows x classes) and, per row, the gradient of that row's
    /// negative log-likelihood of its label with respect to the row's inputs.
    /// </summary>
    (double[] Probabilities, float[][] InputGradients) Forward(float[][] inputs, int[] labels);
}
