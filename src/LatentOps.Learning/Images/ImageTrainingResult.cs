using LatentOps.Learning.Training;

namespace LatentOps.Learning.Images;

/// <summary>What an image training run did: settings, per-epoch losses and timings, seed, dataset hash, and the fitted <see cref="ImageEncoderModel"/>.</summary>
public sealed record ImageTrainingResult : TrainingResult<ImageEncoderModel>;
