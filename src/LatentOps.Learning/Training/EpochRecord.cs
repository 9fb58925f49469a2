namespace LatentOps.Learning.Training;

/// <summary>One finished epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's steps.</param>
/// <param name="ValidationLoss">Loss on the held-out rows (fixed corruption), or null without validation.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch's training steps.</param>
/// <param name="RowsPerSecond">Training rows processed per second.</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double? ValidationLoss, double Seconds, double RowsPerSecond);
