using LatentOps.Monitoring.Drift;

namespace LatentOps.Monitoring.Performance;

/// <summary>Settings of <see cref="PerformanceMonitor"/>.</summary>
public sealed class PerformanceOptions
{
    /// <summary>Half-width of the sampling-error band in standard errors.</summary>
    /// <value>The default is 3 (NannyML's choice). Allowed: (0, 10].</value>
    public double BandWidth { get; set; } = 3;

    /// <summary>Equal-width bins of the expected calibration error.</summary>
    /// <value>The default is 15 (DESIGN.md). Allowed: 2 to 100.</value>
    public int CalibrationBins { get; set; } = 15;

    /// <summary>Labelled rows a window needs before realised accuracy and ECE are reported.</summary>
    /// <value>The default is 30. Allowed: &gt;= 1.</value>
    public int MinimumLabelledRows { get; set; } = 30;

    /// <summary>Checks every setting.</summary>
    public void Validate()
    {
        DatasetDriftOptions.Check(BandWidth > 0 && BandWidth <= 10, nameof(BandWidth), BandWidth, "(0, 10]");
        DatasetDriftOptions.Check(CalibrationBins is >= 2 and <= 100, nameof(CalibrationBins), CalibrationBins, "2 to 100");
        DatasetDriftOptions.Check(MinimumLabelledRows >= 1, nameof(MinimumLabelledRows), MinimumLabelledRows, ">= 1");
    }
}
