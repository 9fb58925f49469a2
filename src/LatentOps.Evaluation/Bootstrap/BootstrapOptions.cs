namespace LatentOps.Evaluation.Bootstrap;

/// <summary>Settings of the percentile bootstrap used for every confidence interval.</summary>
public sealed class BootstrapOptions
{
    /// <summary>Resamples drawn (with replacement, same size as the data).</summary>
    /// <value>The default is 1000; allowed 50 to 100000.</value>
    public int Resamples { get; set; } = 1000;

    /// <summary>Coverage of the interval.</summary>
    /// <value>The default is 0.95; allowed 0.5 to 0.999.</value>
    public double Confidence { get; set; } = 0.95;

    /// <summary>Seed of the resampling; the same seed gives the same intervals.</summary>
    /// <value>The default is 42.</value>
    public int Seed { get; set; } = 42;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad value and the allowed range.</summary>
    public void Validate()
    {
        if (Resamples is < 50 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Resamples), Resamples, $"Bootstrap resamples must be between 50 and 100000; got {Resamples}.");
        }

        if (!(Confidence >= 0.5 && Confidence <= 0.999))
        {
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, $"Bootstrap confidence must be between 0.5 and 0.999; got {Confidence}.");
        }
    }
}
