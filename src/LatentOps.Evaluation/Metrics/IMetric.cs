namespace LatentOps.Evaluation.Metrics;

/// <summary>
/// One scalar metric over a <see cref="PredictionSet"/>. Every metric equals scikit-learn 1.2.1's
/// value for the same input (to 1e-9); where scikit-learn refuses (e.g. ROC-AUC with one class
/// present) <see cref="Compute"/> returns <see cref="double.NaN"/>. Metrics are listed in
/// <see cref="MetricCatalog"/>, which drives the shared invariance tests.
/// </summary>
public interface IMetric
{
    /// <summary>The name: camelCase ending in <c>Score</c> (higher is better), <c>Loss</c> or <c>Error</c> (lower is better).</summary>
    string Name { get; }

    /// <summary>The tasks the metric applies to.</summary>
    IReadOnlyList<PredictionTask> Tasks { get; }

    /// <summary>The value, or NaN when undefined for this input.</summary>
    double Compute(PredictionSet predictions);
}
