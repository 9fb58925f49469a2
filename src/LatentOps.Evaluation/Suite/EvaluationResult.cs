using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Calibration;
using LatentOps.Evaluation.Fairness;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Slices;

namespace LatentOps.Evaluation.Suite;

/// <summary>Everything one evaluation of predictions found, with the settings used.</summary>
/// <param name="Task">Binary, multiclass or regression.</param>
/// <param name="Rows">Rows evaluated.</param>
/// <param name="ClassNames">Class names (classification).</param>
/// <param name="ClassCounts">True rows per class (classification).</param>
/// <param name="PrimaryMetric">The metric summarising the task.</param>
/// <param name="Metrics">Every applicable metric of <see cref="MetricCatalog"/> on all rows (NaN where undefined).</param>
/// <param name="Headline">The headline metrics with bootstrap intervals.</param>
/// <param name="ConfusionMatrix">Confusion matrix and per-class metrics (classification).</param>
/// <param name="Roc">ROC curve (binary).</param>
/// <param name="PrecisionRecall">Precision-recall curve (binary).</param>
/// <param name="Calibration">Calibration on all rows (classification).</param>
/// <param name="TemperatureScaling">Temperature scaling fitted on a part, measured on the rest (classification, enough rows).</param>
/// <param name="Slices">Slice analyses, one list per slice column.</param>
/// <param name="Fairness">Fairness gaps for the protected column (binary).</param>
/// <param name="Warnings">Small-sample and other warnings, in plain words.</param>
/// <param name="Bootstrap">Interval settings used.</param>
/// <param name="CalibrationFraction">Share of the evaluated rows the temperature was fitted on (null when a separate validation set was given).</param>
/// <param name="ValidationRows">Rows of the separate validation set the temperature was fitted on, or null.</param>
public sealed record EvaluationResult(
    PredictionTask Task,
    int Rows,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<long> ClassCounts,
    string PrimaryMetric,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<MetricEstimate> Headline,
    ConfusionMatrix? ConfusionMatrix,
    CurvePoints? Roc,
    CurvePoints? PrecisionRecall,
    CalibrationResult? Calibration,
    TemperatureScalingResult? TemperatureScaling,
    IReadOnlyDictionary<string, IReadOnlyList<SliceResult>> Slices,
    FairnessResult? Fairness,
    IReadOnlyList<string> Warnings,
    BootstrapOptions Bootstrap,
    double? CalibrationFraction,
    int? ValidationRows);
