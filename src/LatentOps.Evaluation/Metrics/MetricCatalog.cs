namespace LatentOps.Evaluation.Metrics;

/// <summary>
/// Every metric LatentOps computes, in report order. The table drives the shared invariance tests
/// (row order, duplication, determinism) and the CLI.
/// </summary>
public static class MetricCatalog
{
    /// <summary>All metrics.</summary>
    public static IReadOnlyList<IMetric> All { get; } =
    [
        new AccuracyMetric(),
        new BalancedAccuracyMetric(),
        new PrecisionRecallF1Metric(PrfKind.Precision, Averaging.Binary),
        new PrecisionRecallF1Metric(PrfKind.Recall, Averaging.Binary),
        new PrecisionRecallF1Metric(PrfKind.F1, Averaging.Binary),
        new PrecisionRecallF1Metric(PrfKind.Precision, Averaging.Macro),
        new PrecisionRecallF1Metric(PrfKind.Recall, Averaging.Macro),
        new PrecisionRecallF1Metric(PrfKind.F1, Averaging.Macro),
        new PrecisionRecallF1Metric(PrfKind.Precision, Averaging.Micro),
        new PrecisionRecallF1Metric(PrfKind.Recall, Averaging.Micro),
        new PrecisionRecallF1Metric(PrfKind.F1, Averaging.Micro),
        new PrecisionRecallF1Metric(PrfKind.Precision, Averaging.Weighted),
        new PrecisionRecallF1Metric(PrfKind.Recall, Averaging.Weighted),
        new PrecisionRecallF1Metric(PrfKind.F1, Averaging.Weighted),
        new MatthewsCorrelationMetric(),
        new RocAucMetric(),
        new AveragePrecisionMetric(),
        new PrAucMetric(),
        new LogLossMetric(),
        new BrierLossMetric(),
        new RegressionMetric(RegressionKind.MeanAbsoluteError),
        new RegressionMetric(RegressionKind.MeanSquaredError),
        new RegressionMetric(RegressionKind.RootMeanSquaredError),
        new RegressionMetric(RegressionKind.R2),
    ];

    /// <summary>The metrics that apply to <paramref name="task"/>, in report order.</summary>
    public static IReadOnlyList<IMetric> For(PredictionTask task) => [.. All.Where(m => m.AppliesTo(task))];

    /// <summary>The metric called <paramref name="name"/>; <see cref="ArgumentException"/> listing the names when unknown.</summary>
    public static IMetric Get(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown metric '{name}'. Metrics: {string.Join(", ", All.Select(m => m.Name))}.", nameof(name));

    /// <summary>The metric summarising a task in one number (ROC-AUC, macro F1 or RMSE).</summary>
    public static IMetric Primary(PredictionTask task) => task switch
    {
        PredictionTask.Binary => Get("rocAucScore"),
        PredictionTask.Multiclass => Get("f1MacroScore"),
        _ => Get("rootMeanSquaredError"),
    };

    /// <summary>The headline metrics of a task: each gets a bootstrap interval in every evaluation.</summary>
    public static IReadOnlyList<IMetric> Headline(PredictionTask task) => task switch
    {
        PredictionTask.Binary => [.. new[] { "rocAucScore", "averagePrecisionScore", "accuracyScore", "balancedAccuracyScore", "f1Score", "matthewsCorrelationScore", "logLoss", "brierLoss" }.Select(Get)],
        PredictionTask.Multiclass => [.. new[] { "accuracyScore", "balancedAccuracyScore", "f1MacroScore", "rocAucScore", "averagePrecisionScore", "matthewsCorrelationScore", "logLoss", "brierLoss" }.Select(Get)],
        _ => [.. new[] { "rootMeanSquaredError", "meanAbsoluteError", "r2Score" }.Select(Get)],
    };
}
