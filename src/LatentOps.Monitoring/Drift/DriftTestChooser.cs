namespace LatentOps.Monitoring.Drift;

/// <summary>
/// Evidently's default per-column choice (<c>get_default_stattest</c>): with at most 1,000 reference
/// rows, numbers with more than 5 distinct values get KS and everything else chi-square (Evidently
/// uses a two-proportion z-test for two values, which equals chi-square on the 2 x 2 table); with more
/// rows, numbers with more than 5 distinct values get the normalised Wasserstein distance and
/// everything else Jensen-Shannon.
/// </summary>
public static class DriftTestChooser
{
    /// <summary>The reference size up to which p-value tests are used. Evidently's value, 1,000.</summary>
    public const int SmallReferenceRows = 1000;

    /// <summary>Numbers with at most this many distinct values are treated as categories. Evidently's value, 5.</summary>
    public const int FewDistinctValues = 5;

    /// <summary>The method for one column.</summary>
    public static DriftMethod Choose(DriftSample reference, DriftSample current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var distinct = reference.IsNumeric
            ? reference.Numbers!.Concat(current.Numbers ?? []).Distinct().Take(FewDistinctValues + 1).Count()
            : FewDistinctValues;
        var manyNumbers = reference.IsNumeric && distinct > FewDistinctValues;
        if (reference.Count <= SmallReferenceRows)
        {
            return manyNumbers ? DriftMethod.KolmogorovSmirnov : DriftMethod.ChiSquare;
        }

        return manyNumbers ? DriftMethod.Wasserstein : DriftMethod.JensenShannon;
    }
}
