using System.Globalization;
using LatentOps.Core.Errors;

namespace LatentOps.Monitoring.Drift;

/// <summary>Settings of <see cref="DatasetDriftDetector"/>. Defaults follow DESIGN.md "Numerical conventions".</summary>
public sealed class DatasetDriftOptions
{
    /// <summary>The test for every column, or <see cref="DriftMethod.Auto"/> to choose per column.</summary>
    /// <value>The default is <see cref="DriftMethod.Auto"/>.</value>
    public DriftMethod Method { get; set; } = DriftMethod.Auto;

    /// <summary>Per-column overrides of <see cref="Method"/>, by column name.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, DriftMethod> ColumnMethods { get; } = new Dictionary<string, DriftMethod>(StringComparer.Ordinal);

    /// <summary>Significance level of the p-value tests, before Bonferroni.</summary>
    /// <value>The default is 0.05. Allowed: (0, 1).</value>
    public double Alpha { get; set; } = 0.05;

    /// <summary>Divide <see cref="Alpha"/> by the number of p-value tests run (Bonferroni).</summary>
    /// <value>The default is true.</value>
    public bool Bonferroni { get; set; } = true;

    /// <summary>Threshold of the normalised Wasserstein distance.</summary>
    /// <value>The default is 0.1 (Evidently). Allowed: &gt; 0.</value>
    public double WassersteinThreshold { get; set; } = 0.1;

    /// <summary>Threshold of the Jensen-Shannon distance.</summary>
    /// <value>The default is 0.1 (Evidently). Allowed: (0, 1].</value>
    public double JensenShannonThreshold { get; set; } = 0.1;

    /// <summary>Threshold of the population stability index.</summary>
    /// <value>The default is 0.1. Allowed: &gt; 0.</value>
    public double PsiThreshold { get; set; } = 0.1;

    /// <summary>Bins for numbers in PSI and Jensen-Shannon.</summary>
    /// <value>The default is 30. Allowed: 2 to 1000.</value>
    public int Bins { get; set; } = DriftTests.DefaultBins;

    /// <summary>The dataset drifts when at least this share of the tested columns drifts.</summary>
    /// <value>The default is 0.5 (Evidently). Allowed: (0, 1].</value>
    public double DriftShare { get; set; } = 0.5;

    /// <summary>Checks every setting; <see cref="ErrorCode.InvalidInput"/> naming the bad one otherwise.</summary>
    public void Validate()
    {
        Check(Alpha > 0 && Alpha < 1, nameof(Alpha), Alpha, "(0, 1)");
        Check(WassersteinThreshold > 0, nameof(WassersteinThreshold), WassersteinThreshold, "> 0");
        Check(JensenShannonThreshold > 0 && JensenShannonThreshold <= 1, nameof(JensenShannonThreshold), JensenShannonThreshold, "(0, 1]");
        Check(PsiThreshold > 0, nameof(PsiThreshold), PsiThreshold, "> 0");
        Check(Bins is >= 2 and <= 1000, nameof(Bins), Bins, "2 to 1000");
        Check(DriftShare > 0 && DriftShare <= 1, nameof(DriftShare), DriftShare, "(0, 1]");
    }

    /// <summary>The threshold a method uses, before Bonferroni.</summary>
    public double ThresholdFor(DriftMethod method) => method switch
    {
        DriftMethod.Wasserstein => WassersteinThreshold,
        DriftMethod.JensenShannon => JensenShannonThreshold,
        DriftMethod.PopulationStabilityIndex => PsiThreshold,
        _ => Alpha,
    };

    internal static void Check(bool ok, string name, double value, string allowed)
    {
        if (!ok || double.IsNaN(value))
        {
            throw LatentOpsException.InvalidInput($"Drift option {name} = {value.ToString(CultureInfo.InvariantCulture)} is out of range; allowed: {allowed}.");
        }
    }
}
