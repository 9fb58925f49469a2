namespace LatentOps.Learning.Export;

/// <summary>Settings of an ONNX export.</summary>
public sealed class OnnxExportOptions
{
    /// <summary>Raw columns with the preprocessing in the graph, or preprocessed tensors.</summary>
    /// <value>The default is <see cref="OnnxInputMode.Raw"/>.</value>
    public OnnxInputMode Inputs { get; set; } = OnnxInputMode.Raw;

    /// <summary>Include the classification head (output <c>probabilities</c>) when the model has one.</summary>
    /// <value>The default is true.</value>
    public bool IncludeHead { get; set; } = true;

    /// <summary>Free-form description stored in the model's doc_string (e.g. the model reference).</summary>
    /// <value>The default is none.</value>
    public string? Description { get; set; }
}
