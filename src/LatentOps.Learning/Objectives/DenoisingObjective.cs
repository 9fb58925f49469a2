using LatentOps.Learning.Encoders;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LatentOps.Learning.Objectives;

/// <summary>
/// Denoising autoencoder with swap noise: the encoder sees a row with a fraction of its columns
/// swapped in from other rows; a 2-layer decoder reconstructs the clean row (MSE on the numeric
/// features, cross-entropy on each categorical column, averaged per feature).
/// </summary>
internal sealed class DenoisingObjective : IEncoderObjective
{
    private readonly FeatureCorruption corruption;
    private readonly double rate;
    private readonly Sequential decoder;
    private readonly int numericWidth;
    private readonly IReadOnlyList<int> cardinalities;

    public DenoisingObjective(FeatureCorruption corruption, double rate, EncoderArchitecture architecture)
    {
        this.corruption = corruption;
        this.rate = rate;
        numericWidth = architecture.NumericInputs;
        cardinalities = architecture.CategoryCardinalities;
        decoder = Sequential(
            ("linear0", Linear(architecture.EmbeddingDimension, architecture.HiddenWidth)),
            ("relu0", ReLU()),
            ("linear1", Linear(architecture.HiddenWidth, numericWidth + cardinalities.Sum())));
    }

    public Module Head => decoder;

    public bool HeadIsPartOfModel => false;

    public Tensor Loss(TabularEncoderModule encoder, Tensor numeric, Tensor categories, Tensor? labels, Generator generator)
    {
        var (noisyNumeric, noisyCategories, _, _) = corruption.Corrupt(numeric, categories, rate, generator);
        var output = decoder.forward(encoder.forward(noisyNumeric, noisyCategories));
        var total = zeros(1);
        if (numericWidth > 0)
        {
            total = total.add(nn.functional.mse_loss(output.narrow(1, 0, numericWidth), numeric).mul(numericWidth));
        }

        var offset = numericWidth;
        for (var i = 0; i < cardinalities.Count; i++)
        {
            var logits = output.narrow(1, offset, cardinalities[i]);
            total = total.add(nn.functional.cross_entropy(logits, categories.select(1, i)));
            offset += cardinalities[i];
        }

        return total.div(numericWidth + cardinalities.Count).squeeze();
    }

    public void Dispose() => decoder.Dispose();
}
