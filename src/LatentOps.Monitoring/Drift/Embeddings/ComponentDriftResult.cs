namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>KS on each component (embedding dimension or class probability) with Bonferroni.</summary>
/// <param name="Test">Overall: statistic = share of drifted components, p-value = smallest component p-value x components (capped at 1), threshold = alpha; drifted when any component drifts.</param>
/// <param name="Components">Each component's KS result; thresholds are alpha / components.</param>
/// <param name="DriftedShare">Share of components that drifted.</param>
public sealed record ComponentDriftResult(DriftTestResult Test, IReadOnlyList<DriftTestResult> Components, double DriftedShare);
