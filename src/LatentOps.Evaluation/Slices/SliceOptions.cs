namespace LatentOps.Evaluation.Slices;

/// <summary>How slices are formed and judged.</summary>
public sealed class SliceOptions
{
    /// <summary>Quantile bins for numeric and date columns.</summary>
    /// <value>The default is 4 (quartiles); allowed 2 to 20.</value>
    public int QuantileBins { get; set; } = 4;

    /// <summary>Most distinct values shown per column; rarer values are pooled into "(other)".</summary>
    /// <value>The default is 60; allowed 2 to 1000.</value>
    public int MaxValues { get; set; } = 60;

    /// <summary>Slices with fewer rows are reported but never flagged, with a "too small" warning.</summary>
    /// <value>The default is 30; allowed 1 to 100000.</value>
    public int MinimumRows { get; set; } = 30;

    /// <summary>Family-wise significance level for "worse than the rest", Bonferroni-divided over a column's slices.</summary>
    /// <value>The default is 0.05; allowed 0.0001 to 0.5.</value>
    public double Alpha { get; set; } = 0.05;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad value and the allowed range.</summary>
    public void Validate()
    {
        Check(QuantileBins, 2, 20, nameof(QuantileBins));
        Check(MaxValues, 2, 1000, nameof(MaxValues));
        Check(MinimumRows, 1, 100_000, nameof(MinimumRows));
        if (!(Alpha >= 0.0001 && Alpha <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, $"Slice alpha must be between 0.0001 and 0.5; got {Alpha}.");
        }
    }

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}; got {value}.");
        }
    }
}
