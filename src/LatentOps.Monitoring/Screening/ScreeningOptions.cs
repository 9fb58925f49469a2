using LatentOps.Monitoring.Drift;

namespace LatentOps.Monitoring.Screening;

/// <summary>Settings of <see cref="TrainingDataScreener"/>.</summary>
public sealed class ScreeningOptions
{
    /// <summary>Neighbours for the outlier score and the label vote.</summary>
    /// <value>The default is 10. Allowed: 1 to 200.</value>
    public int Neighbours { get; set; } = 10;

    /// <summary>A new row is an outlier when its mean distance to its k nearest reference rows exceeds this quantile of the same score among reference rows (leave-one-out).</summary>
    /// <value>The default is 0.99. Allowed: (0.5, 1).</value>
    public double OutlierQuantile { get; set; } = 0.99;

    /// <summary>A label is a suspected flip when at least this share of its neighbours (in the new data) agree on one other label.</summary>
    /// <value>The default is 0.8. Allowed: (0.5, 1].</value>
    public double FlipAgreement { get; set; } = 0.8;

    /// <summary>Checks every setting.</summary>
    public void Validate()
    {
        DatasetDriftOptions.Check(Neighbours is >= 1 and <= 200, nameof(Neighbours), Neighbours, "1 to 200");
        DatasetDriftOptions.Check(OutlierQuantile > 0.5 && OutlierQuantile < 1, nameof(OutlierQuantile), OutlierQuantile, "(0.5, 1)");
        DatasetDriftOptions.Check(FlipAgreement > 0.5 && FlipAgreement <= 1, nameof(FlipAgreement), FlipAgreement, "(0.5, 1]");
    }
}
