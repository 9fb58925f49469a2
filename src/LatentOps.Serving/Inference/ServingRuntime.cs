namespace LatentOps.Serving.Inference;

/// <summary>Which engine computes a served model's forward pass. All take the same preprocessed rows.</summary>
public enum ServingRuntime
{
    /// <summary>TorchSharp (LibTorch) in float32: the reference the others are tested against.</summary>
    Fp32,

    /// <summary>LatentOps' own float32 kernels (AVX2/FMA via System.Runtime.Intrinsics), no LibTorch call per batch.</summary>
    Simd,

    /// <summary>
    /// int8 weights (per output channel, symmetric, -127..127) times activations quantized per row at
    /// run time to 16 bit (symmetric), exact int32 dot products with AVX2 vpmaddwd ("W8A16"); the
    /// first layer, LayerNorm, ReLU, the head and softmax in float32. The accurate int8 runtime.
    /// </summary>
    Int8,

    /// <summary>ONNX Runtime on the graph <c>latentops export</c> writes (encoded inputs).</summary>
    Onnx,

    /// <summary>
    /// int8 weights (per output channel, symmetric, 7 bit so AVX2's u8·s8 pair sums never saturate)
    /// times activations quantized per row at run time to 8 bit, int32 dot products with AVX2
    /// vpmaddubsw ("W8A8"); the first layer, LayerNorm, ReLU, the head and softmax in float32. Faster
    /// than <see cref="Int8"/>, less accurate (bench/results/serving.md).
    /// </summary>
    Int8A8,
}
