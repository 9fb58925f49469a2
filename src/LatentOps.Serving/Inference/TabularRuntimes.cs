using LatentOps.Core.Errors;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Export;

namespace LatentOps.Serving.Inference;

/// <summary>Creates the runtime of a served model.</summary>
public static class TabularRuntimes
{
    /// <summary>Parses a runtime name (fp32, simd, int8, int8a8, onnx), case-insensitively.</summary>
    /// <exception cref="LatentOpsException">An unknown name; the message lists the allowed ones.</exception>
    public static ServingRuntime Parse(string name) =>
        Enum.TryParse<ServingRuntime>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _)
            ? kind
            : throw LatentOpsException.InvalidInput($"Runtime '{name}' is not known; allowed: fp32, simd, int8, int8a8, onnx.");

    /// <summary>
    /// Builds a runtime for <paramref name="model"/>. <see cref="ServingRuntime.Fp32"/> wraps the model
    /// itself (the caller keeps it alive and disposes it); the others copy its weights and do not need it
    /// afterwards.
    /// </summary>
    /// <param name="kind">The engine.</param>
    /// <param name="model">The loaded model.</param>
    /// <param name="threads">Threads one batch may use (1 or more).</param>
    public static ITabularRuntime Create(ServingRuntime kind, TabularEncoderModel model, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        return kind switch
        {
            ServingRuntime.Fp32 => new TorchTabularRuntime(model),
            ServingRuntime.Simd or ServingRuntime.Int8 or ServingRuntime.Int8A8 => new SimdTabularRuntime(TabularNetwork.From(model), kind, threads),
            ServingRuntime.Onnx => new OnnxTabularRuntime(model, threads),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown runtime."),
        };
    }
}
