using System.Diagnostics;
using System.Globalization;
using LatentOps.Core.Progress;
using LatentOps.Learning.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentOps.Learning.Training;

/// <summary>
/// The epoch loop <see cref="TabularTrainer"/> and <see cref="Images.ImageTrainer"/> share: resume
/// from a checkpoint, reseed the step generator per epoch (so a resumed run draws what an uninterrupted
/// one would), shuffled mini-batches with one dispose scope per step, cancellation at the next step,
/// the validation loss after every epoch, best-weights tracking with early stopping, an atomic
/// checkpoint after every epoch, progress, and finally the best weights loaded back. The trainer
/// supplies the loss of a batch (by row indices) and the validation loss.
/// </summary>
internal sealed class EpochLoop
{
    public required int Epochs { get; init; }

    public required int BatchSize { get; init; }

    public required int Patience { get; init; }

    public required int Seed { get; init; }

    /// <summary>Whether there is a validation split (no validation: no early stopping, best = lowest train loss).</summary>
    public required bool HasValidation { get; init; }

    /// <summary>What a row is called in progress ("rows", "images").</summary>
    public required string Unit { get; init; }

    /// <summary>Where to write the checkpoint after every epoch, or null.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>The checkpoint to continue from and its path, or null.</summary>
    public (CheckpointState State, Dictionary<string, byte[]> Blobs)? Resume { get; init; }

    public string? ResumePath { get; init; }

    /// <summary>Called at the start of every epoch, after the step generator is reseeded (e.g. to reseed dropout).</summary>
    public Action<int>? BeforeEpoch { get; init; }

    public EpochLoopOutcome Run(
        TrainingCheckpointInfo checkpoint,
        nn.Module encoder,
        nn.Module head,
        OptimizerHelper optimizer,
        Generator generator,
        int rows,
        Func<Tensor, Tensor> batchLoss,
        Func<double> validationLoss,
        IProgress<ProgressUpdate>? progress,
        CancellationToken cancellationToken)
    {
        var epochs = new List<EpochRecord>();
        var bestEpoch = 0;
        double? bestMetric = null;
        byte[]? bestEncoder = null, bestHead = null;
        var withoutImprovement = 0;
        var firstEpoch = 1;
        int? resumedAfter = null;
        if (Resume is { } state)
        {
            TabularTrainer.LoadWeights(encoder, state.Blobs, CheckpointFile.EncoderEntry, ResumePath!);
            TabularTrainer.LoadWeights(head, state.Blobs, CheckpointFile.HeadEntry, ResumePath!);
            using (var reader = new BinaryReader(new MemoryStream(state.Blobs[CheckpointFile.OptimizerEntry])))
            {
                optimizer.load_state_dict(reader);
            }

            epochs.AddRange(state.State.Epochs);
            bestEpoch = state.State.BestEpoch;
            bestMetric = state.State.BestMetric;
            bestEncoder = state.Blobs.GetValueOrDefault(CheckpointFile.BestEncoderEntry);
            bestHead = state.Blobs.GetValueOrDefault(CheckpointFile.BestHeadEntry);
            withoutImprovement = state.State.EpochsWithoutImprovement;
            firstEpoch = state.State.Epoch + 1;
            resumedAfter = state.State.Epoch;
        }

        var cancelled = false;
        var stoppedEarly = false;
        for (var epoch = firstEpoch; epoch <= Epochs && !cancelled; epoch++)
        {
            if (Patience > 0 && HasValidation && withoutImprovement >= Patience)
            {
                stoppedEarly = true;
                break;
            }

            // Reseeding per epoch makes a resumed run draw exactly what an uninterrupted one would.
            generator.manual_seed(TabularTrainer.EpochSeed(Seed, epoch));
            BeforeEpoch?.Invoke(epoch);
            encoder.train();
            head.train();
            var epochClock = Stopwatch.StartNew();
            double lossSum = 0;
            var steps = 0;
            using (var permutation = randperm(rows, generator: generator))
            {
                for (var start = 0; start < rows; start += BatchSize)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        cancelled = true;
                        break;
                    }

                    var count = Math.Min(BatchSize, rows - start);
                    if (count < 2)
                    {
                        continue;
                    }

                    using var gcPause = GcPause.Enter();
                    using var scope = NewDisposeScope();
                    var loss = batchLoss(permutation.narrow(0, start, count));
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                    lossSum += loss.item<float>();
                    steps++;
                }
            }

            if (cancelled)
            {
                break;
            }

            var seconds = epochClock.Elapsed.TotalSeconds;
            var trainLoss = steps == 0 ? double.NaN : lossSum / steps;
            double? validation = HasValidation ? validationLoss() : null;
            var record = new EpochRecord(epoch, trainLoss, validation, seconds, rows / Math.Max(seconds, 1e-9));
            epochs.Add(record);

            var metric = validation ?? trainLoss;
            if (bestMetric is null || metric < bestMetric.Value - (1e-6 * Math.Abs(bestMetric.Value)))
            {
                bestMetric = metric;
                bestEpoch = epoch;
                bestEncoder = TensorData.SaveWeights(encoder);
                bestHead = TensorData.SaveWeights(head);
                withoutImprovement = 0;
            }
            else
            {
                withoutImprovement++;
            }

            if (CheckpointPath is { } checkpointPath)
            {
                TabularTrainer.WriteCheckpoint(checkpointPath, epoch, checkpoint.Settings, checkpoint.Architecture, checkpoint.Preprocessor, checkpoint.Classes, checkpoint.DatasetHash, epochs, bestEpoch, bestMetric, withoutImprovement, encoder, head, optimizer, bestEncoder, bestHead);
            }

            progress?.Report(new ProgressUpdate(
                "epoch",
                epoch,
                Epochs,
                string.Create(CultureInfo.InvariantCulture, $"loss {trainLoss:F4}{(validation is { } v ? $", val {v:F4}" : string.Empty)}, {record.RowsPerSecond:N0} {Unit}/s")));
        }

        if (!stoppedEarly && !cancelled && Patience > 0 && HasValidation && withoutImprovement >= Patience && epochs.Count < Epochs)
        {
            stoppedEarly = true;
        }

        if (bestEncoder is not null)
        {
            TensorData.LoadWeights(encoder, bestEncoder);
            TensorData.LoadWeights(head, bestHead!);
        }

        return new EpochLoopOutcome(epochs, bestEpoch, HasValidation ? bestMetric : null, stoppedEarly, cancelled, resumedAfter);
    }
}
