using LatentOps.Learning.Encoders;
using LatentOps.Learning.Export;
using LatentOps.Learning.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace LatentOps.Serving.Inference;

/// <summary>ONNX Runtime (CPU) on the model's exported graph with encoded inputs.</summary>
internal sealed class OnnxTabularRuntime : ITabularRuntime
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly int _numericWidth;
    private readonly int _categoryCount;

    public OnnxTabularRuntime(TabularEncoderModel model, int threads)
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
        _numericWidth = model.Preprocessor.NumericWidth;
        _categoryCount = model.Preprocessor.CategoricalColumns.Count;
        EmbeddingDimension = model.EmbeddingDimension;
        ClassCount = model.Classes?.Count ?? 0;
    }

    public ServingRuntime Kind => ServingRuntime.Onnx;

    public int EmbeddingDimension { get; }

    public int ClassCount { get; }

    public (float[] Embeddings, float[]? Probabilities) Run(EncodedTable input, bool withProbabilities)
    {
        var names = new List<string>(2);
        var values = new List<OrtValue>(2);
        try
        {
            if (_numericWidth > 0)
            {
                names.Add("numeric");
                values.Add(OrtValue.CreateTensorValueFromMemory(input.Numeric, [input.Rows, _numericWidth]));
            }

            if (_categoryCount > 0)
            {
                names.Add("categories");
                values.Add(OrtValue.CreateTensorValueFromMemory(input.Categories, [input.Rows, _categoryCount]));
            }

            var probabilities = withProbabilities && ClassCount > 0;
            string[] outputs = probabilities ? ["embedding", "probabilities"] : ["embedding"];
            using var results = _session.Run(_run, names, values, outputs);
            var embeddings = results[0].GetTensorDataAsSpan<float>().ToArray();
            return (embeddings, probabilities ? results[1].GetTensorDataAsSpan<float>().ToArray() : null);
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _run.Dispose();
        _session.Dispose();
    }
}
