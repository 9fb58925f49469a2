using LatentOps.Learning.Encoders;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LatentOps.Learning.Objectives;

/// <summary>Cross-entropy through a linear classification head on the encoder output.</summary>
internal sealed class SupervisedObjective : IEncoderObjective
{
    private readonly TorchSharp.Modules.Linear head;

    public SupervisedObjective(int embeddingDimension, int classes)
    {
        head = Linear(embeddingDimension, classes);
    }

    public Module Head => head;

    public bool HeadIsPartOfModel => true;

    public Tensor Loss(TabularEncoderModule encoder, Tensor numeric, Tensor categories, Tensor? labels, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return nn.functional.cross_entropy(head.forward(encoder.forward(numeric, categories)), labels);
    }

    public void Dispose() => head.Dispose();
}
