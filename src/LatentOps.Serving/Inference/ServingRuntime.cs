namespace LatentOps.Serving.Inference;

/// <summary>Which engine computes a served model's forward pass. All take the same preprocessed rows.</summary>
public enum ServingRuntime
{
    /// <summary>TorchSharp (LibTorch) in float32: the reference the others are tested against.</summary>
    Fp32,

    /// <summary>LatentOps' own float32 kernels (AVX2/FMA via System.Runtime.Intrinsics), no LibTorch call per batch.</summary>
    Simd,

    /// <summary>
    /// int8: weights quantized per output channel (symmetric, 7 bit so AVX2's u8·s8 pairs never
    /// saturate), activations quantized per row (8 bit, dynamic), integer dot products with AVX2; the
    /// first layer, LayerNorm, softmax and the head in float32.
    /// </summary>
    Int8,

    /// <summary>ONNX Runtime on the graph <c>latentops export</c> writes (encoded inputs).</summary>
    Onnx,
}
