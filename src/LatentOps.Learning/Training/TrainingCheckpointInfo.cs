using LatentOps.Learning.Encoders;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Learning.Training;

/// <summary>The parts of a checkpoint that do not change between epochs.</summary>
internal sealed record TrainingCheckpointInfo(
    TrainingSettings Settings,
    EncoderArchitecture Architecture,
    FittedPreprocessor Preprocessor,
    string[]? Classes,
    string DatasetHash);
