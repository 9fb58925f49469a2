using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.Robustness;
using LatentOps.Evaluation.Suite;

namespace LatentOps.Evaluation.Models;

/// <summary>Settings of a model evaluation.</summary>
public sealed class ModelEvaluationOptions
{
    /// <summary>Settings of the prediction evaluation (intervals, slices, calibration).</summary>
    public EvaluationOptions Evaluation { get; set; } = new();

    /// <summary>Columns of the test table to slice by. The default is none.</summary>
    public IReadOnlyList<string> SliceColumns { get; set; } = [];

    /// <summary>Protected attribute for fairness gaps, or null. The default is none.</summary>
    public string? ProtectedColumn { get; set; }

    /// <summary>Linear probe settings.</summary>
    public LinearProbeOptions Probe { get; set; } = new();

    /// <summary>Robustness settings; null skips robustness. The default runs it.</summary>
    public RobustnessOptions? Robustness { get; set; } = new();

    /// <summary>Strengths of the gradient-sign (FGSM) attack, in encoded input units; empty skips it.</summary>
    /// <value>The default is <see cref="FgsmAttack.DefaultEpsilons"/>; each in [0, 100].</value>
    public IReadOnlyList<double> Epsilons { get; set; } = FgsmAttack.DefaultEpsilons;
}
