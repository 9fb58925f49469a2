namespace LatentOps.Learning.Export;

/// <summary>
/// One linear layer of an exported network with what follows it: <c>y = x Wᵀ + b</c>, then an optional
/// LayerNorm and an optional ReLU. Plain arrays, so other runtimes (ONNX, SIMD, int8) can rebuild it.
/// </summary>
/// <param name="Inputs">The input width.</param>
/// <param name="Outputs">The output width.</param>
/// <param name="Weight">Outputs x Inputs, row-major (PyTorch's layout).</param>
/// <param name="Bias">Outputs values.</param>
/// <param name="NormScale">LayerNorm gain (Outputs values), or null without LayerNorm.</param>
/// <param name="NormBias">LayerNorm bias (Outputs values), or null without LayerNorm.</param>
/// <param name="NormEpsilon">LayerNorm epsilon.</param>
/// <param name="Relu">True when a ReLU follows (after the LayerNorm, if any).</param>
public sealed record DenseLayer(int Inputs, int Outputs, float[] Weight, float[] Bias, float[]? NormScale, float[]? NormBias, double NormEpsilon, bool Relu);
