using LatentOps.Learning.Encoders;

namespace LatentOps.Learning.Training;

/// <summary>What a tabular training run did: settings, per-epoch losses and timings, seed, dataset hash, and the fitted <see cref="TabularEncoderModel"/>.</summary>
public sealed record TrainingResult : TrainingResult<TabularEncoderModel>;
