namespace LatentOps.Learning.Export;

/// <summary>One input or output of an exported graph, as the sidecar JSON documents it.</summary>
/// <param name="Name">The graph input/output name.</param>
/// <param name="ElementType">ONNX element type: float32, float64, int64 or string.</param>
/// <param name="Shape">The shape; "N" is the number of rows.</param>
/// <param name="Meaning">What the values are and how to produce them (units, missing values, order).</param>
/// <param name="Column">The source column, for per-column inputs.</param>
/// <param name="Labels">Output column names (class names for probabilities), when they have names.</param>
public sealed record OnnxTensorSpec(string Name, string ElementType, IReadOnlyList<string> Shape, string Meaning, string? Column = null, IReadOnlyList<string>? Labels = null);
