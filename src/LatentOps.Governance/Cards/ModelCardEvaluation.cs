namespace LatentOps.Governance.Cards;

/// <summary>The latest evaluation of a version (a run in experiment <c>evaluation</c> tagged with the model).</summary>
/// <param name="RunId">The evaluation run.</param>
/// <param name="EvaluatedAt">When it ran (UTC).</param>
/// <param name="Dataset">The data it was evaluated on (<c>NAME:VERSION</c>), when recorded.</param>
/// <param name="Source"><c>evaluation.json</c> when the full result artifact was read, <c>run metrics</c> when only the run's metrics were.</param>
/// <param name="Task">binary, multiclass or regression, when known.</param>
/// <param name="Rows">Rows evaluated, when known.</param>
/// <param name="PrimaryMetric">The metric that summarises the task, when known.</param>
/// <param name="Metrics">Metrics with their confidence intervals where bootstrapped.</param>
/// <param name="Slices">Per-slice results (the worst flagged), when sliced.</param>
/// <param name="Calibration">Calibration (ECE and the reliability diagram), when measured.</param>
/// <param name="Fairness">Group fairness gaps, when a protected column was given.</param>
/// <param name="Robustness">Metric under perturbations, when measured.</param>
public sealed record ModelCardEvaluation(
    string RunId,
    DateTimeOffset EvaluatedAt,
    string? Dataset,
    string Source,
    string? Task,
    int? Rows,
    string? PrimaryMetric,
    IReadOnlyList<CardMetric> Metrics,
    IReadOnlyList<CardSlice> Slices,
    CardCalibration? Calibration,
    CardFairness? Fairness,
    CardRobustness? Robustness);
