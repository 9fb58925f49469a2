using LatentOps.Learning.Encoders;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Learning.Packaging;

/// <summary>
/// model.json of a model package: the signature, the fitted preprocessing, the encoder architecture,
/// classes, training dataset hash, metrics, lineage, and the SHA-256 of every weight file. With the
/// weights it is everything serving needs to compute exactly what training did.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The package format version this build writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The package format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The model name, if known.</summary>
    public string? Name { get; init; }

    /// <summary>Inputs and outputs.</summary>
    public required ModelSignature Signature { get; init; }

    /// <summary>For image models: the image shape and pixel scale behind the pixel columns of the signature; null for tabular models.</summary>
    public ImageInput? Image { get; init; }

    /// <summary>The preprocessing fitted at training time (for image models: one numeric column per pixel, divided by the pixel scale).</summary>
    public required FittedPreprocessor Preprocessing { get; init; }

    /// <summary>The encoder shape.</summary>
    public required EncoderArchitecture Architecture { get; init; }

    /// <summary>The training objective.</summary>
    public required TrainingObjective Objective { get; init; }

    /// <summary>Class names of the head, if any.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>The label column of the head, if any.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>SHA-256 of the training table's content.</summary>
    public string? TrainingDatasetHash { get; init; }

    /// <summary>Evaluation figures.</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    /// <summary>Lineage (run, dataset, commit).</summary>
    public IReadOnlyDictionary<string, string>? Lineage { get; init; }

    /// <summary>SHA-256 of each weight file in the package, by entry name.</summary>
    public required IReadOnlyDictionary<string, string> Files { get; init; }
}
