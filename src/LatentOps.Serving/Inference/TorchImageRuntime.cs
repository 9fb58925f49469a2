using LatentOps.Learning.Images;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Serving.Inference;

/// <summary>The reference runtime of image models: the TorchSharp CNN itself, on pixels scaled as in training.</summary>
internal sealed class TorchImageRuntime(ImageEncoderModel model) : ITabularRuntime
{
    public ServingRuntime Kind => ServingRuntime.Fp32;

    public int EmbeddingDimension => model.EmbeddingDimension;

    public int ClassCount => model.Classes?.Count ?? 0;

    public (float[] Embeddings, float[]? Probabilities) Run(EncodedTable input, bool withProbabilities)
    {
        var images = new ImageSet(input.Rows, model.Architecture.ImageHeight, model.Architecture.ImageWidth, input.Numeric);
        return model.Infer(images, withProbabilities && model.Classes is not null);
    }

    public void Dispose()
    {
        // The model belongs to the caller.
    }
}
