using LatentOps.Learning.Preprocessing;

namespace LatentOps.Learning.Export;

/// <summary>
/// The JSON written beside an exported <c>.onnx</c> file: exactly what the graph takes and returns, the
/// opsets it needs, and the fitted preprocessing (for inputs the graph does not preprocess itself).
/// </summary>
public sealed record OnnxSidecar
{
    /// <summary>Always "onnx".</summary>
    public string Format { get; init; } = "onnx";

    /// <summary>The ONNX IR version of the file.</summary>
    public required int IrVersion { get; init; }

    /// <summary>Operator set versions by domain ("" is ai.onnx).</summary>
    public required IReadOnlyDictionary<string, int> Opsets { get; init; }

    /// <summary>Raw columns or preprocessed tensors.</summary>
    public required OnnxInputMode InputMode { get; init; }

    /// <summary>The graph inputs, in order.</summary>
    public required IReadOnlyList<OnnxTensorSpec> Inputs { get; init; }

    /// <summary>The graph outputs.</summary>
    public required IReadOnlyList<OnnxTensorSpec> Outputs { get; init; }

    /// <summary>The model reference (NAME:VERSION), when exported from the registry.</summary>
    public string? Model { get; init; }

    /// <summary>SHA-256 of the model package the graph was exported from, when known.</summary>
    public string? PackageHash { get; init; }

    /// <summary>SHA-256 of the .onnx file.</summary>
    public string? OnnxHash { get; init; }

    /// <summary>
    /// For an image encoder: the image size, channels and the pixel scale the graph's <c>pixels</c>
    /// input is divided by (raw mode) or was divided by (encoded mode); null for a tabular encoder.
    /// </summary>
    public Packaging.ImageInput? Image { get; init; }

    /// <summary>The fitted preprocessing of the package (what Raw mode computes in the graph).</summary>
    public required FittedPreprocessor Preprocessing { get; init; }
}
