using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.RepresentationQuality;
using LatentOps.Evaluation.Robustness;
using LatentOps.Evaluation.Suite;

namespace LatentOps.Evaluation.Models;

/// <summary>A model's evaluation on held-out data.</summary>
/// <param name="Evaluation">Its predictions evaluated (metrics, intervals, calibration, slices, fairness).</param>
/// <param name="Probes">Probe results for the embedding and the raw-feature baselines (empty without an encoder).</param>
/// <param name="Quality">Label-free quality of the held-out embeddings, or null without an encoder.</param>
/// <param name="Robustness">Metric under perturbations, or null when skipped.</param>
/// <param name="Adversarial">Metric under a gradient-sign (FGSM) attack, or null when the model gives no input gradients.</param>
public sealed record ModelEvaluationResult(EvaluationResult Evaluation, IReadOnlyList<ProbeResult> Probes, RepresentationQualityResult? Quality, RobustnessResult? Robustness, AdversarialResult? Adversarial);
