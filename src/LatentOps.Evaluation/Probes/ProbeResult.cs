using LatentOps.Evaluation.Bootstrap;

namespace LatentOps.Evaluation.Probes;

/// <summary>How well one probe predicts the labels of held-out rows from one kind of features.</summary>
/// <param name="Probe">"linear" or "knn".</param>
/// <param name="Features">"embedding" or "raw".</param>
/// <param name="Dimensions">Input width.</param>
/// <param name="Setting">The setting used: "C=0.1 (5-fold CV)" or "k=20, cosine".</param>
/// <param name="Metrics">Held-out metrics: accuracy, balanced accuracy, macro F1, ROC-AUC, log loss.</param>
/// <param name="Primary">The primary metric (ROC-AUC for binary, macro F1 otherwise) with its bootstrap interval.</param>
/// <param name="TrainRows">Rows the probe was fitted on.</param>
/// <param name="TestRows">Rows it was scored on.</param>
public sealed record ProbeResult(string Probe, string Features, int Dimensions, string Setting, IReadOnlyDictionary<string, double> Metrics, MetricEstimate Primary, int TrainRows, int TestRows);
