namespace LatentOps.Monitoring.Drift;

/// <summary>Per-column drift and the dataset verdict.</summary>
/// <param name="Columns">Every tested column, most drifted first.</param>
/// <param name="DriftedShare">Share of tested columns that drifted.</param>
/// <param name="DriftShareThreshold">The share at which the dataset counts as drifted (0.5 by default).</param>
/// <param name="DatasetDrift">True when <paramref name="DriftedShare"/> &gt;= <paramref name="DriftShareThreshold"/>.</param>
/// <param name="Alpha">Alpha before Bonferroni.</param>
/// <param name="Bonferroni">Whether the p-value tests used alpha / number of p-value tests.</param>
/// <param name="SkippedColumns">Columns not tested (text, identifiers, dates, all missing) with the reason.</param>
public sealed record DatasetDriftResult(
    IReadOnlyList<ColumnDriftResult> Columns,
    double DriftedShare,
    double DriftShareThreshold,
    bool DatasetDrift,
    double Alpha,
    bool Bonferroni,
    IReadOnlyDictionary<string, string> SkippedColumns)
{
    /// <summary>The number of columns that drifted.</summary>
    public int DriftedCount => Columns.Count(c => c.Result.Drifted);
}
