using LatentOps.Monitoring.Drift;

namespace LatentOps.Reports.Drift;

/// <summary>What a drift report shows.</summary>
/// <param name="Title">The page title.</param>
/// <param name="Reference">What the reference is (dataset, version, rows).</param>
/// <param name="Current">What the current data is.</param>
/// <param name="Dataset">Per-column drift of the whole current data, or null.</param>
/// <param name="Tests">Other tests on the whole current data (embeddings, model outputs).</param>
/// <param name="Timeline">Windows of the current data, in order; empty for none.</param>
public sealed record DriftReportInput(string Title, string Reference, string Current, DatasetDriftResult? Dataset, IReadOnlyList<DriftTestResult> Tests, IReadOnlyList<DriftWindow> Timeline);
