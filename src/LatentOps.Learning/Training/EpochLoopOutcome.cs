namespace LatentOps.Learning.Training;

/// <summary>What <see cref="EpochLoop.Run"/> did: every finished epoch (including those before a resume), the best epoch and its validation loss (null without validation), and how it ended.</summary>
internal sealed record EpochLoopOutcome(
    IReadOnlyList<EpochRecord> Epochs,
    int BestEpoch,
    double? BestValidationLoss,
    bool StoppedEarly,
    bool Cancelled,
    int? ResumedAfterEpoch);
