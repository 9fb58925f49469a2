using LatentOps.Core.Errors;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Objectives;

namespace LatentOps.Learning.Training;

/// <summary>Settings for training a tabular encoder. Validated when training starts.</summary>
public sealed class TrainingOptions
{
    /// <summary>What the encoder learns.</summary>
    /// <value>The default is <see cref="TrainingObjective.Scarf"/>.</value>
    public TrainingObjective Objective { get; set; } = TrainingObjective.Scarf;

    /// <summary>The most passes over the training rows (early stopping may end sooner).</summary>
    /// <value>The default is 50. Allowed: 1 to 100000.</value>
    public int Epochs { get; set; } = 50;

    /// <summary>Rows per optimisation step.</summary>
    /// <value>The default is 256. Allowed: 2 to 65536.</value>
    public int BatchSize { get; set; } = 256;

    /// <summary>Adam learning rate.</summary>
    /// <value>The default is 0.001. Allowed: greater than 0 and at most 1.</value>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Adam weight decay (L2).</summary>
    /// <value>The default is 0. Allowed: 0 to 1.</value>
    public double WeightDecay { get; set; }

    /// <summary>Seeds weight initialisation, the validation split, shuffling and corruption.</summary>
    /// <value>The default is 0.</value>
    public int Seed { get; set; }

    /// <summary>LibTorch threads; 0 means one per processor.</summary>
    /// <value>The default is 0. Allowed: 0 to 256.</value>
    public int Threads { get; set; }

    /// <summary>The share of rows held out to compute the validation loss that drives early stopping.</summary>
    /// <value>The default is 0.1. Allowed: 0 (no validation, no early stopping) to 0.5.</value>
    public double ValidationFraction { get; set; } = 0.1;

    /// <summary>Epochs without a better validation loss before training stops; 0 turns early stopping off.</summary>
    /// <value>The default is 10. Allowed: 0 to 100000.</value>
    public int Patience { get; set; } = 10;

    /// <summary>The share of columns replaced per row (SCARF corruption, DAE swap noise).</summary>
    /// <value>The default is null: 0.6 for SCARF (as in the paper), 0.15 for the denoising autoencoder. Allowed: greater than 0 and less than 1.</value>
    public double? CorruptionRate { get; set; }

    /// <summary>The NT-Xent temperature of SCARF.</summary>
    /// <value>The default is 1.0. Allowed: greater than 0 and at most 100.</value>
    public double Temperature { get; set; } = 1.0;

    /// <summary>The embedding width (encoder output).</summary>
    /// <value>The default is 64. Allowed: 1 to 4096.</value>
    public int EmbeddingDimension { get; set; } = 64;

    /// <summary>The width of the hidden layers.</summary>
    /// <value>The default is 256. Allowed: 1 to 8192.</value>
    public int HiddenWidth { get; set; } = 256;

    /// <summary>Linear layers in the encoder MLP (the last produces the embedding).</summary>
    /// <value>The default is 4. Allowed: 1 to 32.</value>
    public int Depth { get; set; } = 4;

    /// <summary>LayerNorm after each hidden layer.</summary>
    /// <value>The default is false.</value>
    public bool LayerNorm { get; set; }

    /// <summary>Dropout after each hidden activation.</summary>
    /// <value>The default is 0. Allowed: 0 to less than 1.</value>
    public double Dropout { get; set; }

    /// <summary>The label column: required for <see cref="TrainingObjective.Supervised"/>, left out of the features always.</summary>
    /// <value>The default is null.</value>
    public string? LabelColumn { get; set; }

    /// <summary>Other columns left out of the features (keys, leakage).</summary>
    /// <value>The default is none.</value>
    public IList<string> ExcludeColumns { get; set; } = [];

    /// <summary>The most frequent values kept per categorical column.</summary>
    /// <value>The default is 50. Allowed: 1 to 100000.</value>
    public int MaxCategories { get; set; } = 50;

    /// <summary>Where a checkpoint is written (atomically) after every epoch; null writes none.</summary>
    /// <value>The default is null.</value>
    public string? CheckpointPath { get; set; }

    /// <summary>A checkpoint to continue from (same data, same architecture).</summary>
    /// <value>The default is null.</value>
    public string? ResumeFrom { get; set; }

    /// <summary>A pre-trained model whose preprocessing and encoder weights training starts from (fine-tuning).</summary>
    /// <value>The default is null: a fresh encoder.</value>
    public TabularEncoderModel? InitialModel { get; set; }

    /// <summary>The corruption rate actually used.</summary>
    public double ResolvedCorruptionRate => CorruptionRate ?? (Objective == TrainingObjective.Dae ? 0.15 : 0.6);

    /// <summary>Throws <see cref="LatentOpsException"/> naming the bad value and the allowed range.</summary>
    public void Validate()
    {
        Check(Enum.IsDefined(Objective), $"Objective is '{Objective}'; allowed: scarf, dae, supervised.");
        Check(Objective != TrainingObjective.SimClr, "Objective simclr trains image encoders (pixel_0 ... columns); this trainer takes tables: use scarf, dae or supervised.");
        Check(Epochs is >= 1 and <= 100_000, $"Epochs is {Epochs}; allowed: 1 to 100000.");
        Check(BatchSize is >= 2 and <= 65_536, $"BatchSize is {BatchSize}; allowed: 2 to 65536.");
        Check(LearningRate is > 0 and <= 1, $"LearningRate is {LearningRate}; allowed: greater than 0 and at most 1.");
        Check(WeightDecay is >= 0 and <= 1, $"WeightDecay is {WeightDecay}; allowed: 0 to 1.");
        Check(Threads is >= 0 and <= 256, $"Threads is {Threads}; allowed: 0 (one per processor) to 256.");
        Check(ValidationFraction is >= 0 and <= 0.5, $"ValidationFraction is {ValidationFraction}; allowed: 0 to 0.5.");
        Check(Patience is >= 0 and <= 100_000, $"Patience is {Patience}; allowed: 0 (off) to 100000.");
        Check(CorruptionRate is null or (> 0 and < 1), $"CorruptionRate is {CorruptionRate}; allowed: greater than 0 and less than 1.");
        Check(Temperature is > 0 and <= 100, $"Temperature is {Temperature}; allowed: greater than 0 and at most 100.");
        Check(EmbeddingDimension is >= 1 and <= 4096, $"EmbeddingDimension is {EmbeddingDimension}; allowed: 1 to 4096.");
        Check(HiddenWidth is >= 1 and <= 8192, $"HiddenWidth is {HiddenWidth}; allowed: 1 to 8192.");
        Check(Depth is >= 1 and <= 32, $"Depth is {Depth}; allowed: 1 to 32.");
        Check(Dropout is >= 0 and < 1, $"Dropout is {Dropout}; allowed: 0 to less than 1.");
        Check(MaxCategories is >= 1 and <= 100_000, $"MaxCategories is {MaxCategories}; allowed: 1 to 100000.");
        Check(Objective != TrainingObjective.Supervised || !string.IsNullOrEmpty(LabelColumn), "The supervised objective needs a label column (LabelColumn / --label).");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw LatentOpsException.InvalidInput(message);
        }
    }
}
