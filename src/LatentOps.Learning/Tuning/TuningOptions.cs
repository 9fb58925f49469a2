using LatentOps.Core.Errors;
using LatentOps.Learning.Objectives;

namespace LatentOps.Learning.Tuning;

/// <summary>Settings of a random search over encoder settings.</summary>
public sealed class TuningOptions
{
    /// <summary>The number of trials.</summary>
    /// <value>The default is 10. Allowed: 1 to 10000.</value>
    public int Trials { get; set; } = 10;

    /// <summary>Random search, or successive halving over the same candidates.</summary>
    /// <value>The default is <see cref="TuningStrategy.Random"/>.</value>
    public TuningStrategy Strategy { get; set; } = TuningStrategy.Random;

    /// <summary>Successive halving: keep the best 1/Eta of each rung and give them Eta times the epochs.</summary>
    /// <value>The default is 3. Allowed: 2 to 10.</value>
    public int Eta { get; set; } = 3;

    /// <summary>Seeds the search (each trial's training seed derives from it).</summary>
    /// <value>The default is 0.</value>
    public int Seed { get; set; }

    /// <summary>The epoch budget of each trial (early stopping applies); with successive halving, the budget of the last rung.</summary>
    /// <value>The default is 20. Allowed: 1 to 100000.</value>
    public int EpochsPerTrial { get; set; } = 20;

    /// <summary>LibTorch threads of each trial (set explicitly; trials run one after another).</summary>
    /// <value>The default is 1. Allowed: 1 to 256.</value>
    public int ThreadsPerTrial { get; set; } = 1;

    /// <summary>The share of rows held out and scored by the scorer.</summary>
    /// <value>The default is 0.2. Allowed: greater than 0 and at most 0.5.</value>
    public double ScoringFraction { get; set; } = 0.2;

    /// <summary>The label column passed to the scorer (left out of the features), or null for label-free tuning.</summary>
    /// <value>The default is null.</value>
    public string? LabelColumn { get; set; }

    /// <summary>Objectives to try.</summary>
    /// <value>The default is SCARF and DAE.</value>
    public IList<TrainingObjective> Objectives { get; set; } = [TrainingObjective.Scarf, TrainingObjective.Dae];

    /// <summary>Corruption rates to try.</summary>
    /// <value>The default is 0.15, 0.3, 0.45, 0.6.</value>
    public IList<double> CorruptionRates { get; set; } = [0.15, 0.3, 0.45, 0.6];

    /// <summary>Embedding widths to try.</summary>
    /// <value>The default is 16, 32, 64, 128.</value>
    public IList<int> Dimensions { get; set; } = [16, 32, 64, 128];

    /// <summary>Encoder depths to try.</summary>
    /// <value>The default is 2, 3, 4.</value>
    public IList<int> Depths { get; set; } = [2, 3, 4];

    /// <summary>Learning rates are drawn log-uniformly between these bounds.</summary>
    /// <value>The default is 1e-4 to 3e-3.</value>
    public (double Min, double Max) LearningRateRange { get; set; } = (1e-4, 3e-3);

    /// <summary>Throws <see cref="LatentOpsException"/> naming the bad value and the allowed range.</summary>
    public void Validate()
    {
        Check(Trials is >= 1 and <= 10_000, $"Trials is {Trials}; allowed: 1 to 10000.");
        Check(Eta is >= 2 and <= 10, $"Eta is {Eta}; allowed: 2 to 10.");
        Check(EpochsPerTrial is >= 1 and <= 100_000, $"EpochsPerTrial is {EpochsPerTrial}; allowed: 1 to 100000.");
        Check(ThreadsPerTrial is >= 1 and <= 256, $"ThreadsPerTrial is {ThreadsPerTrial}; allowed: 1 to 256.");
        Check(ScoringFraction is > 0 and <= 0.5, $"ScoringFraction is {ScoringFraction}; allowed: greater than 0 and at most 0.5.");
        Check(Objectives.Count > 0 && Objectives.All(o => o is TrainingObjective.Scarf or TrainingObjective.Dae), $"Objectives are [{string.Join(", ", Objectives)}]; allowed: a non-empty list of scarf and dae.");
        Check(CorruptionRates.Count > 0 && CorruptionRates.All(r => r is > 0 and < 1), $"CorruptionRates are [{string.Join(", ", CorruptionRates)}]; allowed: values greater than 0 and less than 1.");
        Check(Dimensions.Count > 0 && Dimensions.All(d => d is >= 1 and <= 4096), $"Dimensions are [{string.Join(", ", Dimensions)}]; allowed: values 1 to 4096.");
        Check(Depths.Count > 0 && Depths.All(d => d is >= 1 and <= 32), $"Depths are [{string.Join(", ", Depths)}]; allowed: values 1 to 32.");
        Check(LearningRateRange.Min > 0 && LearningRateRange.Max <= 1 && LearningRateRange.Min <= LearningRateRange.Max, $"LearningRateRange is {LearningRateRange}; allowed: 0 < min <= max <= 1.");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw LatentOpsException.InvalidInput(message);
        }
    }
}
