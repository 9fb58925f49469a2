using LatentOps.Learning.Encoders;

namespace LatentOps.Learning.Tuning;

/// <summary>What a <see cref="IRepresentationScorer"/> scores.</summary>
/// <param name="Train">Embeddings of the training rows (a probe fits on them).</param>
/// <param name="Validation">Embeddings of the validation rows (the probe is scored on them).</param>
/// <param name="TrainLabels">Labels of the training rows as text (null entries are unlabelled), or null without a label column.</param>
/// <param name="ValidationLabels">Labels of the validation rows, or null without a label column.</param>
public sealed record RepresentationScoringInput(Embeddings Train, Embeddings Validation, IReadOnlyList<string?>? TrainLabels, IReadOnlyList<string?>? ValidationLabels);
