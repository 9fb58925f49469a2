using LatentOps.Learning.Images;

namespace LatentOps.Serving.Inference;

/// <summary>
/// Creates the runtime of a served image model. Image models run on <see cref="ServingRuntime.Fp32"/>
/// (TorchSharp, the reference) or <see cref="ServingRuntime.Onnx"/> (ONNX Runtime on the exported CNN
/// graph); the simd and int8 kernels are dense-layer kernels for tabular MLPs, so a version asked to
/// run on them is served on fp32 instead (the server logs a warning when it loads it).
/// </summary>
public static class ImageRuntimes
{
    /// <summary>The runtime an image model gets when <paramref name="requested"/> is asked for.</summary>
    public static ServingRuntime Resolve(ServingRuntime requested) =>
        requested is ServingRuntime.Fp32 or ServingRuntime.Onnx ? requested : ServingRuntime.Fp32;

    /// <summary>
    /// Builds the runtime <see cref="Resolve"/> gives for <paramref name="requested"/>. Fp32 wraps the
    /// model itself (the caller keeps it alive and disposes it); onnx exports its graph and does not need it afterwards.
    /// </summary>
    /// <param name="requested">The engine asked for.</param>
    /// <param name="model">The loaded image model.</param>
    /// <param name="threads">Threads one batch may use in the onnx runtime (1 or more).</param>
    public static ITabularRuntime Create(ServingRuntime requested, ImageEncoderModel model, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        return Resolve(requested) == ServingRuntime.Onnx ? new OnnxImageRuntime(model, threads) : new TorchImageRuntime(model);
    }
}
