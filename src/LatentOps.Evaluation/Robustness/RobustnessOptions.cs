namespace LatentOps.Evaluation.Robustness;

/// <summary>Which perturbations the robustness analysis applies.</summary>
public sealed class RobustnessOptions
{
    /// <summary>Gaussian noise levels on numeric features, in units of each column's standard deviation.</summary>
    /// <value>The default is 0, 0.1, 0.25, 0.5, 1; each in [0, 10].</value>
    public IReadOnlyList<double> NoiseLevels { get; set; } = [0, 0.1, 0.25, 0.5, 1.0];

    /// <summary>Shares of categorical cells replaced by the value of a random other row (the column's empirical distribution).</summary>
    /// <value>The default is 0, 0.05, 0.1, 0.25, 0.5; each in [0, 1].</value>
    public IReadOnlyList<double> SwapRates { get; set; } = [0, 0.05, 0.1, 0.25, 0.5];

    /// <summary>Also drop each feature in turn (every value set missing) and measure the loss.</summary>
    /// <value>The default is true.</value>
    public bool DropFeatures { get; set; } = true;

    /// <summary>Seed of the perturbations.</summary>
    /// <value>The default is 42.</value>
    public int Seed { get; set; } = 42;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad value and the allowed range.</summary>
    public void Validate()
    {
        if (NoiseLevels is null || NoiseLevels.Any(l => !(l >= 0 && l <= 10)))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseLevels), $"Noise levels must lie in [0, 10] standard deviations; got [{string.Join(", ", NoiseLevels ?? [])}].");
        }

        if (SwapRates is null || SwapRates.Any(r => !(r >= 0 && r <= 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(SwapRates), $"Swap rates must lie in [0, 1]; got [{string.Join(", ", SwapRates ?? [])}].");
        }
    }
}
