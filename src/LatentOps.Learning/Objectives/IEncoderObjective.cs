using LatentOps.Learning.Encoders;
using static TorchSharp.torch;

namespace LatentOps.Learning.Objectives;

/// <summary>
/// One training objective: the extra network it needs on top of the encoder (projection head,
/// decoder, classifier) and the loss of a batch. Implementations are small internal classes.
/// </summary>
internal interface IEncoderObjective : IDisposable
{
    /// <summary>The objective's own trainable network, trained and checkpointed with the encoder.</summary>
    nn.Module Head { get; }

    /// <summary>True when the head is part of the model (a classifier), false when it is thrown away after training.</summary>
    bool HeadIsPartOfModel { get; }

    /// <summary>The loss of one batch; random choices come from <paramref name="generator"/>.</summary>
    Tensor Loss(TabularEncoderModule encoder, Tensor numeric, Tensor categories, Tensor? labels, Generator generator);
}
