using System.Text.Json.Serialization;
using LatentOps.Learning.Training;

namespace LatentOps.Learning.Tuning;

/// <summary>One tuning trial: the settings drawn, the training it ran and its score.</summary>
public sealed record TrialResult
{
    /// <summary>1-based trial number.</summary>
    public required int Trial { get; init; }

    /// <summary>The successive-halving rung (0 = first, smallest budget); always 0 for random search.</summary>
    public int Rung { get; init; }

    /// <summary>The training settings of this trial.</summary>
    public required TrainingSettings Settings { get; init; }

    /// <summary>The embedding width tried.</summary>
    public required int EmbeddingDimension { get; init; }

    /// <summary>The depth tried.</summary>
    public required int Depth { get; init; }

    /// <summary>The scorer's name.</summary>
    public required string ScoreName { get; init; }

    /// <summary>The score on the held-out rows (higher is better).</summary>
    public required double Score { get; init; }

    /// <summary>The training run (epochs, losses, timings); its model is disposed unless this is the best trial.</summary>
    [JsonIgnore]
    public required TrainingResult Training { get; init; }
}
