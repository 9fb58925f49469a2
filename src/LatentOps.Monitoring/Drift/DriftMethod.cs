namespace LatentOps.Monitoring.Drift;

/// <summary>A per-column drift test. <see cref="Auto"/> lets <see cref="DriftTestChooser"/> pick one per column.</summary>
public enum DriftMethod
{
    /// <summary>Pick per column with Evidently's rule (see docs/monitoring.md and <see cref="DriftTestChooser"/>).</summary>
    Auto,

    /// <summary>Two-sample Kolmogorov-Smirnov test on numbers; p-value test.</summary>
    KolmogorovSmirnov,

    /// <summary>Wasserstein-1 distance divided by the reference standard deviation; distance test.</summary>
    Wasserstein,

    /// <summary>Chi-square test of homogeneity on category counts; p-value test.</summary>
    ChiSquare,

    /// <summary>Jensen-Shannon distance (natural log) between category or bin frequencies; distance test.</summary>
    JensenShannon,

    /// <summary>Population stability index over 30 bins (numbers) or categories; distance test.</summary>
    PopulationStabilityIndex,
}
