namespace LatentOps.Monitoring.Drift;

/// <summary>The per-column drift tests by method: the registry the shared invariance tests run over.</summary>
public static class DriftTests
{
    /// <summary>The bin count for numbers in PSI and Jensen-Shannon. The default is 30.</summary>
    public const int DefaultBins = 30;

    /// <summary>Every concrete method (all but <see cref="DriftMethod.Auto"/>).</summary>
    public static IReadOnlyList<DriftMethod> All { get; } =
        [DriftMethod.KolmogorovSmirnov, DriftMethod.Wasserstein, DriftMethod.ChiSquare, DriftMethod.JensenShannon, DriftMethod.PopulationStabilityIndex];

    /// <summary>The test for a method.</summary>
    public static IDriftTest Get(DriftMethod method, int bins = DefaultBins) => method switch
    {
        DriftMethod.KolmogorovSmirnov => new KolmogorovSmirnovTest(),
        DriftMethod.Wasserstein => new WassersteinTest(),
        DriftMethod.ChiSquare => new ChiSquareTest(),
        DriftMethod.JensenShannon => new JensenShannonTest(bins),
        DriftMethod.PopulationStabilityIndex => new PopulationStabilityIndexTest(bins),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Auto is resolved per column by DriftTestChooser."),
    };

    /// <summary>True for tests that return a p-value (Bonferroni applies to them).</summary>
    public static bool HasPValue(DriftMethod method) => method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare;

    /// <summary>True when the method can test a numeric (or categorical) sample.</summary>
    public static bool Supports(DriftMethod method, bool numeric) => method switch
    {
        DriftMethod.KolmogorovSmirnov or DriftMethod.Wasserstein => numeric,
        _ => true,
    };
}
