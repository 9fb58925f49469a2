using System.Text.Json.Serialization;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Training;

namespace LatentOps.Learning.Images;

/// <summary>What an image training run did: settings, per-epoch losses and timings, seed, dataset hash, and the fitted model.</summary>
public sealed record ImageTrainingResult
{
    /// <summary>The settings used (corruption rate is 0: images are augmented, not corrupted).</summary>
    public required TrainingSettings Settings { get; init; }

    /// <summary>The encoder shape, including the image size.</summary>
    public required EncoderArchitecture Architecture { get; init; }

    /// <summary>Every finished epoch, including those before a resume.</summary>
    public required IReadOnlyList<EpochRecord> Epochs { get; init; }

    /// <summary>The epoch whose weights the model carries (best validation loss, else the last).</summary>
    public required int BestEpoch { get; init; }

    /// <summary>The best validation loss (lower is better), or null without validation.</summary>
    public double? BestValidationLoss { get; init; }

    /// <summary>True when early stopping ended training before the epoch budget.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>True when cancellation ended training; the model carries the best weights so far.</summary>
    public bool Cancelled { get; init; }

    /// <summary>The epoch a resumed run continued after, or null.</summary>
    public int? ResumedAfterEpoch { get; init; }

    /// <summary>SHA-256 of the training table's content (names, types, values).</summary>
    public required string DatasetHash { get; init; }

    /// <summary>Images trained on.</summary>
    public required int TrainingRows { get; init; }

    /// <summary>Images held out for validation.</summary>
    public required int ValidationRows { get; init; }

    /// <summary>Wall-clock seconds of the whole run in this process.</summary>
    public required double TotalSeconds { get; init; }

    /// <summary>The fitted model. The caller disposes it.</summary>
    [JsonIgnore]
    public required ImageEncoderModel Model { get; init; }
}
