namespace LatentOps.Monitoring.Drift;

/// <summary>
/// The outcome of one drift test (DESIGN.md convention 9): the statistic, the p-value when the test has
/// one, the threshold actually used (after any Bonferroni correction) and the method.
/// </summary>
/// <param name="Method">The test's name, e.g. <c>ks</c>, <c>wasserstein</c>, <c>mmd-rbf-permutation</c>.</param>
/// <param name="Statistic">The test statistic or score (KS D, normalised Wasserstein, chi-square, JS distance, PSI, MMD², ROC-AUC...).</param>
/// <param name="PValue">The p-value, or null for score tests.</param>
/// <param name="Threshold">The threshold compared against: alpha for p-value tests, the score threshold otherwise.</param>
/// <param name="Kind">Whether <paramref name="Threshold"/> applies to the p-value or to the statistic.</param>
/// <param name="Drifted">True when the test says the distributions differ.</param>
/// <param name="ReferenceCount">Values used from the reference (missing values dropped).</param>
/// <param name="CurrentCount">Values used from the current data.</param>
public sealed record DriftTestResult(
    string Method,
    double Statistic,
    double? PValue,
    double Threshold,
    ThresholdKind Kind,
    bool Drifted,
    int ReferenceCount,
    int CurrentCount)
{
    /// <summary>Builds a p-value result: drifted when <paramref name="pValue"/> &lt; <paramref name="alpha"/>.</summary>
    public static DriftTestResult FromPValue(string method, double statistic, double pValue, double alpha, int referenceCount, int currentCount) =>
        new(method, statistic, pValue, alpha, ThresholdKind.PValue, pValue < alpha, referenceCount, currentCount);

    /// <summary>Builds a score result: drifted when <paramref name="score"/> &gt;= <paramref name="threshold"/>.</summary>
    public static DriftTestResult FromScore(string method, double score, double threshold, int referenceCount, int currentCount) =>
        new(method, score, null, threshold, ThresholdKind.Score, score >= threshold, referenceCount, currentCount);

    /// <summary>
    /// A number where larger means more drift, comparable across tests of one kind: 1 - p for p-value
    /// tests, statistic / threshold for score tests. Used to rank columns.
    /// </summary>
    public double Severity => Kind == ThresholdKind.PValue ? 1 - (PValue ?? 1) : Threshold > 0 ? Statistic / Threshold : Statistic;
}
