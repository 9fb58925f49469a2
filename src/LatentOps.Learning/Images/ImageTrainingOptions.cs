using LatentOps.Core.Errors;

namespace LatentOps.Learning.Images;

/// <summary>Settings for SimCLR-style training of the image encoder.</summary>
public sealed class ImageTrainingOptions
{
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

    /// <summary>Smallest crop side as a share of the image.</summary>
    /// <value>The default is 0.7. Allowed: greater than 0 and at most 1.</value>
    public double MinCropScale { get; set; } = 0.7;

    /// <summary>Largest shift as a share of the image side.</summary>
    /// <value>The default is 0.1. Allowed: 0 to 0.5.</value>
    public double MaxShift { get; set; } = 0.1;

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
        Check(Epochs is >= 1 and <= 100_000, $"Epochs is {Epochs}; allowed: 1 to 100000.");
        Check(BatchSize is >= 2 and <= 65_536, $"BatchSize is {BatchSize}; allowed: 2 to 65536.");
        Check(LearningRate is > 0 and <= 1, $"LearningRate is {LearningRate}; allowed: greater than 0 and at most 1.");
        Check(Temperature is > 0 and <= 100, $"Temperature is {Temperature}; allowed: greater than 0 and at most 100.");
        Check(EmbeddingDimension is >= 1 and <= 4096, $"EmbeddingDimension is {EmbeddingDimension}; allowed: 1 to 4096.");
        Check(Channels is >= 2 and <= 1024, $"Channels is {Channels}; allowed: 2 to 1024.");
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
