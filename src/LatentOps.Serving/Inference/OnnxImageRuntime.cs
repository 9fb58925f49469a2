using LatentOps.Learning.Export;
using LatentOps.Learning.Images;
using LatentOps.Learning.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace LatentOps.Serving.Inference;

/// <summary>
/// ONNX Runtime (CPU) on the image model's exported graph (<see cref="OnnxInputMode.Encoded"/>: the
/// request encoder has already scaled the pixels as training did, so the graph starts at the reshape).
/// </summary>
internal sealed class OnnxImageRuntime : ITabularRuntime
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly int _pixels;

    public OnnxImageRuntime(ImageEncoderModel model, int threads)
    {
        var export = OnnxExporter.Export(model, new OnnxExportOptions { Inputs = OnnxInputMode.Encoded });
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(export.Model, options);
        _pixels = model.Architecture.ImageHeight * model.Architecture.ImageWidth;
        EmbeddingDimension = model.EmbeddingDimension;
        ClassCount = model.Classes?.Count ?? 0;
    }

    public ServingRuntime Kind => ServingRuntime.Onnx;

    public int EmbeddingDimension { get; }

    public int ClassCount { get; }

    public (float[] Embeddings, float[]? Probabilities) Run(EncodedTable input, bool withProbabilities)
    {
        using var pixels = OrtValue.CreateTensorValueFromMemory(input.Numeric, [input.Rows, _pixels]);
        var probabilities = withProbabilities && ClassCount > 0;
        string[] outputs = probabilities ? ["embedding", "probabilities"] : ["embedding"];
        using var results = _session.Run(_run, ["numeric"], [pixels], outputs);
        var embeddings = results[0].GetTensorDataAsSpan<float>().ToArray();
        return (embeddings, probabilities ? results[1].GetTensorDataAsSpan<float>().ToArray() : null);
    }

    public void Dispose()
    {
        _run.Dispose();
        _session.Dispose();
    }
}
