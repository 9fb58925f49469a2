using LatentOps.Learning.Encoders;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LatentOps.Learning.Objectives;

/// <summary>
/// SCARF (Bahri et al. 2022): the anchor is the row, the positive is the row with a fraction of its
/// columns replaced from their empirical marginals; both go through the encoder and a 2-layer
/// projection head; NT-Xent at the given temperature. Probes use the encoder output, not the head.
/// </summary>
internal sealed class ScarfObjective : IEncoderObjective
{
    private readonly FeatureCorruption corruption;
    private readonly double rate;
    private readonly double temperature;
    private readonly Sequential head;

    public ScarfObjective(FeatureCorruption corruption, double rate, double temperature, int embeddingDimension, int hiddenWidth)
    {
        this.corruption = corruption;
        this.rate = rate;
        this.temperature = temperature;
        head = Sequential(
            ("linear0", Linear(embeddingDimension, hiddenWidth)),
            ("relu0", ReLU()),
            ("linear1", Linear(hiddenWidth, embeddingDimension)));
    }

    public Module Head => head;

    public bool HeadIsPartOfModel => false;

    public Tensor Loss(TabularEncoderModule encoder, Tensor numeric, Tensor categories, Tensor? labels, Generator generator)
    {
        var (corruptNumeric, corruptCategories, _, _) = corruption.Corrupt(numeric, categories, rate, generator);
        var anchor = head.forward(encoder.forward(numeric, categories));
        var positive = head.forward(encoder.forward(corruptNumeric, corruptCategories));
        return NtXent.Loss(anchor, positive, temperature);
    }

    public void Dispose() => head.Dispose();
}
