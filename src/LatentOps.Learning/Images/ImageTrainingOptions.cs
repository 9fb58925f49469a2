using LatentOps.Core.Errors;
using LatentOps.Learning.Objectives;

namespace LatentOps.Learning.Images;

/// <summary>Settings for training the image encoder (SimCLR-style or supervised). Validated when training starts.</summary>
public sealed class ImageTrainingOptions
{
    /// <summary>What the encoder learns: <see cref="TrainingObjective.SimClr"/> or <see cref="TrainingObjective.Supervised"/>.</summary>
    /// <value>The default is <see cref="TrainingObjective.SimClr"/>.</value>
    public TrainingObjective Objective { get; set; } = TrainingObjective.SimClr;

    /// <summary>The label column: required for <see cref="TrainingObjective.Supervised"/>; never an input.</summary>
    /// <value>The default is null.</value>
    public string? LabelColumn { get; set; }

    /// <summary>The share of images held out to compute the validation loss that drives early stopping.</summary>
    /// <value>The default is 0.1. Allowed: 0 (no validation, no early stopping) to 0.5.</value>
    public double ValidationFraction { get; set; } = 0.1;

    /// <summary>Epochs without a better validation loss before training stops; 0 turns early stopping off.</summary>
    /// <value>The default is 10. Allowed: 0 to 100000.</value>
    public int Patience { get; set; } = 10;

    /// <summary>The value pixels are divided by.</summary>
    /// <value>The default is null: the smallest of 1, 16, 255 and 65535 that is at least the largest training pixel. Allowed: greater than 0.</value>
    public double? PixelScale { get; set; }

    /// <summary>Where a checkpoint is written (atomically) after every epoch; null writes none.</summary>
    /// <value>The default is null.</value>
    public string? CheckpointPath { get; set; }

    /// <summary>A checkpoint to continue from (same data, same architecture, same objective).</summary>
    /// <value>The default is null.</value>
    public string? ResumeFrom { get; set; }

    /// <summary>A trained image model whose pixel preprocessing and encoder weights training starts from (fine-tuning).</summary>
    /// <value>The default is null: a fresh encoder.</value>
    public ImageEncoderModel? InitialModel { get; set; }

    /// <summary>Passes over the images.</summary>
    /// <value>The default is 20. Allowed: 1 to 100000.</value>
    public int Epochs { get; set; } = 20;

    /// <summary>Images per step (2B views per step).</summary>
    /// <value>The default is 256. Allowed: 2 to 65536.</value>
    public int BatchSize { get; set; } = 256;

    /// <summary>Adam learning rate.</summary>
    /// <value>The default is 0.001. Allowed: greater than 0 and at most 1.</value>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>NT-Xent temperature.</summary>
    /// <value>The default is 0.5 (SimCLR). Allowed: greater than 0 and at most 100.</value>
    public double Temperature { get; set; } = 0.5;

    /// <summary>The embedding width.</summary>
    /// <value>The default is 64. Allowed: 1 to 4096.</value>
    public int EmbeddingDimension { get; set; } = 64;

    /// <summary>Channels of the last convolution (the first has half).</summary>
    /// <value>The default is 64. Allowed: 2 to 1024.</value>
    public int Channels { get; set; } = 64;

    /// <summary>
    /// The side of the grid the last convolution's map is average-pooled to before the output layer
    /// (1 = global average pooling, which forgets where in the image a feature was). Lowered to the
    /// largest value that divides the map (28x28 images give a 4x4 map; 8x8 images a 1x1 map).
    /// </summary>
    /// <value>The default is 2. Allowed: 1 to 8.</value>
    public int PoolSize { get; set; } = 2;

    /// <summary>Smallest crop side as a share of the image.</summary>
    /// <value>The default is 0.7. Allowed: greater than 0 and at most 1.</value>
    public double MinCropScale { get; set; } = 0.7;

    /// <summary>Largest shift as a share of the image side.</summary>
    /// <value>The default is 0.1. Allowed: 0 to 0.5.</value>
    public double MaxShift { get; set; } = 0.1;

    /// <summary>Whether a view is mirrored left-right with probability 1/2.</summary>
    /// <value>The default is false (with crop 0.5 it did not help at 8 epochs; see bench/results/image-probe.md).</value>
    public bool HorizontalFlip { get; set; }

    /// <summary>Standard deviation of the Gaussian pixel noise.</summary>
    /// <value>The default is 0.05. Allowed: 0 to 1.</value>
    public double Noise { get; set; } = 0.05;

    /// <summary>The seed.</summary>
    /// <value>The default is 0.</value>
    public int Seed { get; set; }

    /// <summary>LibTorch threads; 0 means one per processor.</summary>
    /// <value>The default is 0. Allowed: 0 to 256.</value>
    public int Threads { get; set; }

    /// <summary>Throws <see cref="LatentOpsException"/> naming the bad value and the allowed range.</summary>
    public void Validate()
    {
        Check(Objective is TrainingObjective.SimClr or TrainingObjective.Supervised, $"Objective {Objective.ToString().ToLowerInvariant()} trains tabular encoders; image datasets (pixel_0 ... columns) take simclr or supervised.");
        Check(Objective != TrainingObjective.Supervised || !string.IsNullOrEmpty(LabelColumn), "The supervised objective needs a label column (LabelColumn / --label).");
        Check(ValidationFraction is >= 0 and <= 0.5, $"ValidationFraction is {ValidationFraction}; allowed: 0 to 0.5.");
        Check(Patience is >= 0 and <= 100_000, $"Patience is {Patience}; allowed: 0 (off) to 100000.");
        Check(PixelScale is null or > 0, $"PixelScale is {PixelScale}; allowed: greater than 0.");
        Check(Epochs is >= 1 and <= 100_000, $"Epochs is {Epochs}; allowed: 1 to 100000.");
        Check(BatchSize is >= 2 and <= 65_536, $"BatchSize is {BatchSize}; allowed: 2 to 65536.");
        Check(LearningRate is > 0 and <= 1, $"LearningRate is {LearningRate}; allowed: greater than 0 and at most 1.");
        Check(Temperature is > 0 and <= 100, $"Temperature is {Temperature}; allowed: greater than 0 and at most 100.");
        Check(EmbeddingDimension is >= 1 and <= 4096, $"EmbeddingDimension is {EmbeddingDimension}; allowed: 1 to 4096.");
        Check(Channels is >= 2 and <= 1024, $"Channels is {Channels}; allowed: 2 to 1024.");
        Check(PoolSize is >= 1 and <= 8, $"PoolSize is {PoolSize}; allowed: 1 to 8.");
        Check(MinCropScale is > 0 and <= 1, $"MinCropScale is {MinCropScale}; allowed: greater than 0 and at most 1.");
        Check(MaxShift is >= 0 and <= 0.5, $"MaxShift is {MaxShift}; allowed: 0 to 0.5.");
        Check(Noise is >= 0 and <= 1, $"Noise is {Noise}; allowed: 0 to 1.");
        Check(Threads is >= 0 and <= 256, $"Threads is {Threads}; allowed: 0 to 256.");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw LatentOpsException.InvalidInput(message);
        }
    }
}
