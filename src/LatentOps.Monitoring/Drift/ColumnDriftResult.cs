namespace LatentOps.Monitoring.Drift;

/// <summary>The drift test of one column.</summary>
/// <param name="Column">The column name.</param>
/// <param name="Method">The method used (chosen or given).</param>
/// <param name="Result">Statistic, p-value, threshold used (after Bonferroni) and decision.</param>
/// <param name="ReferenceMissingShare">Share of missing values in the reference.</param>
/// <param name="CurrentMissingShare">Share of missing values in the current data.</param>
public sealed record ColumnDriftResult(string Column, DriftMethod Method, DriftTestResult Result, double ReferenceMissingShare, double CurrentMissingShare);
