using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Data.Pii;

namespace LatentOps.Data.Checks;

/// <summary>What <see cref="DataChecker"/> knows about the data and the thresholds it uses. Every threshold is reported with the findings.</summary>
public sealed class DataCheckOptions
{
    /// <summary>The label column (enables imbalance, single-feature leakage and conflicting-label checks). <value>The default is null.</value></summary>
    public string? LabelColumn { get; set; }

    /// <summary>The time column (enables the time-overlap check against a counterpart). <value>The default is null.</value></summary>
    public string? TimeColumn { get; set; }

    /// <summary>The identifier column (excluded from row comparisons). <value>The default is null.</value></summary>
    public string? IdColumn { get; set; }

    /// <summary>A single feature whose AUC against the label reaches this is reported as leakage. <value>The default is 0.99; allowed 0.5 to 1.</value></summary>
    public double LeakageAucThreshold { get; set; } = 0.99;

    /// <summary>A minority class share below this is a warning. <value>The default is 0.2; allowed 0 to 0.5.</value></summary>
    public double MinorityShareWarning { get; set; } = 0.2;

    /// <summary>A minority class share below this is an error. <value>The default is 0.01; allowed 0 to <see cref="MinorityShareWarning"/>.</value></summary>
    public double MinorityShareError { get; set; } = 0.01;

    /// <summary>Category coverage of the reference below this is an error. <value>The default is 0.8; allowed 0 to 1.</value></summary>
    public double CoverageError { get; set; } = 0.8;

    /// <summary>Category coverage of the reference below this is a warning. <value>The default is 0.95; allowed <see cref="CoverageError"/> to 1.</value></summary>
    public double CoverageWarning { get; set; } = 0.95;

    /// <summary>
    /// A per-column distance to the reference (Kolmogorov-Smirnov statistic for numbers and dates, Jensen-Shannon
    /// distance with log base 2 for categories) above this is a warning. <value>The default is 0.1; allowed 0 to 1.</value>
    /// </summary>
    public double DistanceWarning { get; set; } = 0.1;

    /// <summary>A per-column distance above this is an error. <value>The default is 0.3; allowed <see cref="DistanceWarning"/> to 1.</value></summary>
    public double DistanceError { get; set; } = 0.3;

    /// <summary>The kinds of personal data looked for. <value>The default is all of <see cref="PiiKind"/>.</value></summary>
    public IReadOnlyCollection<PiiKind> PiiKinds { get; set; } = PiiDetector.AllKinds;

    /// <summary>Throws <see cref="ErrorCode.InvalidInput"/> naming the first bad value and its allowed range.</summary>
    public void Validate()
    {
        static void Range(string name, double value, double min, double max)
        {
            if (double.IsNaN(value) || value < min || value > max)
            {
                throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture, $"{name} {value} is out of range: allowed {min} to {max}."));
            }
        }

        Range(nameof(LeakageAucThreshold), LeakageAucThreshold, 0.5, 1);
        Range(nameof(MinorityShareWarning), MinorityShareWarning, 0, 0.5);
        Range(nameof(MinorityShareError), MinorityShareError, 0, MinorityShareWarning);
        Range(nameof(CoverageError), CoverageError, 0, 1);
        Range(nameof(CoverageWarning), CoverageWarning, CoverageError, 1);
        Range(nameof(DistanceWarning), DistanceWarning, 0, 1);
        Range(nameof(DistanceError), DistanceError, DistanceWarning, 1);
    }

    /// <summary>The settings as reported with the findings.</summary>
    public DataCheckSettings ToSettings(string? reference, string? counterpart) => new(
        LabelColumn, TimeColumn, IdColumn, reference, counterpart, LeakageAucThreshold, MinorityShareWarning, MinorityShareError,
        CoverageError, CoverageWarning, DistanceWarning, DistanceError, [.. PiiKinds]);
}
