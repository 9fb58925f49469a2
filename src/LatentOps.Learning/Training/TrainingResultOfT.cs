using System.Text.Json.Serialization;
using LatentOps.Learning.Encoders;

namespace LatentOps.Learning.Training;

/// <summary>
/// What a training run did, for either trainer: settings, per-epoch losses and timings, seed, dataset
/// hash, and the fitted model (<see cref="TrainingResult"/> for tables, <see cref="Images.ImageTrainingResult"/> for images).
/// </summary>
/// <typeparam name="TModel">The fitted model type.</typeparam>
public abstract record TrainingResult<TModel>
    where TModel : IEncoderModel
{
    /// <summary>The settings used (images: corruption rate 0, they are augmented, not corrupted).</summary>
    public required TrainingSettings Settings { get; init; }

    /// <summary>The encoder shape (images: including the image size and layout).</summary>
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

    /// <summary>Rows (images) trained on.</summary>
    public required int TrainingRows { get; init; }

    /// <summary>Rows (images) held out for validation.</summary>
    public required int ValidationRows { get; init; }

    /// <summary>Wall-clock seconds of the whole run in this process.</summary>
    public required double TotalSeconds { get; init; }

    /// <summary>The fitted model (encoder + preprocessing, and the classifier for supervised runs). The caller disposes it.</summary>
    [JsonIgnore]
    public required TModel Model { get; init; }
}
