using LatentOps.Monitoring.Drift;

namespace LatentOps.Reports.Drift;

/// <summary>One point of a drift timeline: a window of current data compared with the reference.</summary>
/// <param name="Label">What the window is (e.g. <c>2026-11-20</c> or <c>rows 0-999</c>).</param>
/// <param name="Dataset">Per-column drift of the window, if computed.</param>
/// <param name="Tests">Other tests on the window (embedding MMD, domain classifier, BBSD...).</param>
public sealed record DriftWindow(string Label, DatasetDriftResult? Dataset, IReadOnlyList<DriftTestResult> Tests);
