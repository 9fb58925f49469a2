using LatentOps.Learning.Objectives;

namespace LatentOps.Learning.Training;

/// <summary>The settings a training run actually used (defaults resolved), recorded with its result and in checkpoints.</summary>
public sealed record TrainingSettings
{
    /// <summary>The objective.</summary>
    public required TrainingObjective Objective { get; init; }

    /// <summary>The most epochs.</summary>
    public required int Epochs { get; init; }

    /// <summary>Rows per step.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Adam learning rate.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Adam weight decay.</summary>
    public required double WeightDecay { get; init; }

    /// <summary>The seed.</summary>
    public required int Seed { get; init; }

    /// <summary>LibTorch threads used.</summary>
    public required int Threads { get; init; }

    /// <summary>The held-out share.</summary>
    public required double ValidationFraction { get; init; }

    /// <summary>Early-stopping patience (0 = off).</summary>
    public required int Patience { get; init; }

    /// <summary>The corruption rate (SCARF, DAE).</summary>
    public required double CorruptionRate { get; init; }

    /// <summary>The NT-Xent temperature (SCARF).</summary>
    public required double Temperature { get; init; }

    /// <summary>The label column, if any.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>True when training started from a pre-trained encoder.</summary>
    public bool FineTuned { get; init; }

    internal static TrainingSettings From(TrainingOptions o, int threads) => new()
    {
        Objective = o.Objective,
        Epochs = o.Epochs,
        BatchSize = o.BatchSize,
        LearningRate = o.LearningRate,
        WeightDecay = o.WeightDecay,
        Seed = o.Seed,
        Threads = threads,
        ValidationFraction = o.ValidationFraction,
        Patience = o.Patience,
        CorruptionRate = o.ResolvedCorruptionRate,
        Temperature = o.Temperature,
        LabelColumn = o.LabelColumn,
        FineTuned = o.InitialModel is not null,
    };
}
