using LatentOps.Learning.Encoders;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Serving.Inference;

/// <summary>The reference runtime: the TorchSharp model itself.</summary>
internal sealed class TorchTabularRuntime(TabularEncoderModel model) : ITabularRuntime
{
    public ServingRuntime Kind => ServingRuntime.Fp32;

    public int EmbeddingDimension => model.EmbeddingDimension;

    public int ClassCount => model.Classes?.Count ?? 0;

    public (float[] Embeddings, float[]? Probabilities) Run(EncodedTable input, bool withProbabilities) =>
        model.Infer(input, withProbabilities && model.Classes is not null);

    public void Dispose()
    {
        // The model belongs to the caller.
    }
}
