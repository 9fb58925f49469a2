using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Learning.Encoders;

/// <summary>
/// A fitted encoder of any family (tabular MLP, image CNN) as the commands that only need rows in and
/// embeddings (or class probabilities) out see it. Load one with <see cref="Packaging.ModelPackage.LoadAny(string)"/>.
/// </summary>
public interface IEncoderModel : IDisposable
{
    /// <summary>The encoder shape (its <see cref="EncoderArchitecture.Kind"/> tells the family).</summary>
    EncoderArchitecture Architecture { get; }

    /// <summary>The preprocessing fitted on the training data (for images: the pixel columns and their scale).</summary>
    FittedPreprocessor Preprocessor { get; }

    /// <summary>The embedding width.</summary>
    int EmbeddingDimension { get; }

    /// <summary>The class names of the classification head, or null without one.</summary>
    IReadOnlyList<string>? Classes { get; }

    /// <summary>The label column the head was trained on, if any.</summary>
    string? LabelColumn { get; }

    /// <summary>The objective the encoder was (last) trained with.</summary>
    TrainingObjective Objective { get; }

    /// <summary>SHA-256 of the training table's content, when known.</summary>
    string? TrainingDatasetHash { get; }

    /// <summary>Embeds the rows of <paramref name="table"/>.</summary>
    /// <exception cref="LatentOpsException">An input column is missing or has another type.</exception>
    Embeddings Embed(Table table);

    /// <summary>Class probabilities, row-major rows x <see cref="Classes"/>.Count.</summary>
    /// <exception cref="LatentOpsException">No classification head, or the input does not match.</exception>
    float[] PredictProbabilities(Table table);
}
