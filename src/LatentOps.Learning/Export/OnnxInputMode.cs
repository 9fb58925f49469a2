namespace LatentOps.Learning.Export;

/// <summary>What the inputs of an exported ONNX graph are.</summary>
public enum OnnxInputMode
{
    /// <summary>
    /// One input per source column, preprocessing inside the graph: numbers as float64 <c>[N,1]</c> (NaN is
    /// missing), categories as string <c>[N,1]</c> (a value outside the vocabulary, or "", is the unknown
    /// bucket); datetimes as their float32 features <c>[N,7]</c> (+1 with a missing indicator), computed as
    /// the sidecar describes.
    /// </summary>
    Raw,

    /// <summary>
    /// Two inputs as the preprocessor produces them: <c>numeric</c> float32 <c>[N,W]</c> and
    /// <c>categories</c> int64 <c>[N,C]</c> (vocabulary indices, 0 = unknown). Used by the server's ONNX runtime.
    /// </summary>
    Encoded,
}
