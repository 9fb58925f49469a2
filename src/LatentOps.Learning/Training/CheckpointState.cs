using LatentOps.Learning.Encoders;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Learning.Training;

/// <summary>The resumable state of a run after a finished epoch (checkpoint.json inside a checkpoint file).</summary>
internal sealed record CheckpointState
{
    public int FormatVersion { get; init; } = 1;

    public required int Epoch { get; init; }

    public required TrainingSettings Settings { get; init; }

    public required EncoderArchitecture Architecture { get; init; }

    public required FittedPreprocessor Preprocessor { get; init; }

    public IReadOnlyList<string>? Classes { get; init; }

    public required string DatasetHash { get; init; }

    public required IReadOnlyList<EpochRecord> Epochs { get; init; }

    public required int BestEpoch { get; init; }

    public double? BestMetric { get; init; }

    public required int EpochsWithoutImprovement { get; init; }
}
