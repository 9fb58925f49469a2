using LatentOps.Core.Tables;

namespace LatentOps.Evaluation.Models;

/// <summary>
/// A fitted model as evaluation sees it: functions from a feature table to class probabilities and,
/// for an encoder, to embeddings. Adapts any model (e.g. LatentOps.Learning's
/// <c>TabularEncoderModel</c>: <c>PredictProbabilities</c> and <c>Embed</c>).
/// </summary>
public sealed class ModelUnderEvaluation
{
    /// <summary>The label column of the data tables.</summary>
    public required string LabelColumn { get; init; }

    /// <summary>Class names in the order of the probability columns.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Class probabilities for the rows of a feature table (label removed), row-major rows x classes.</summary>
    public required Func<Table, double[]> PredictProbabilities { get; init; }

    /// <summary>Embeddings for the rows of a feature table, or null for a model without an encoder.</summary>
    public Func<Table, float[][]>? Embed { get; init; }

    /// <summary>For a gradient-sign (FGSM) attack: the encoded inputs the differentiable model takes, or null to skip it.</summary>
    public Func<Table, float[][]>? EncodeInputs { get; init; }

    /// <summary>For a gradient-sign (FGSM) attack: the model with input gradients (e.g. encoder + head), or null to skip it.</summary>
    public Robustness.IDifferentiableClassifier? Differentiable { get; init; }

    /// <summary>The raw features the baselines probe (e.g. the fitted preprocessing's numeric encoding), or null.</summary>
    public Func<Table, float[][]>? RawFeatures { get; init; }
}
