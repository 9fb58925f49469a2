namespace LatentOps.Learning.Export;

/// <summary>An exported graph: the ONNX file's bytes and its sidecar description.</summary>
/// <param name="Model">The serialized ONNX ModelProto.</param>
/// <param name="Sidecar">What the graph takes and returns.</param>
public sealed record OnnxExport(byte[] Model, OnnxSidecar Sidecar);
