using System.Text;
using LatentOps.Core.Errors;
using LatentOps.Core.Hashing;
using LatentOps.Core.Serialization;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Images;
using LatentOps.Learning.Preprocessing;
using LatentOps.Learning.Torch;
using static TorchSharp.torch;

namespace LatentOps.Learning.Packaging;

/// <summary>Image encoders in model packages, and loading a package of either family.</summary>
public static partial class ModelPackage
{
    /// <summary>Writes an image model to <paramref name="path"/> atomically (temp file + rename), deterministically.</summary>
    public static ModelManifest Save(ImageEncoderModel model, string path, ModelPackageInfo? info = null)
    {
        var (manifest, entries) = Build(model, info);
        AtomicZip.Write(path, entries);
        return manifest;
    }

    /// <summary>The image model's package as bytes (for an artifact store).</summary>
    public static byte[] ToBytes(ImageEncoderModel model, ModelPackageInfo? info = null) => AtomicZip.ToBytes(Build(model, info).Entries);

    /// <summary>Loads an image model package.</summary>
    /// <exception cref="LatentOpsException">The file is missing, not a package, holds a tabular encoder, or its weights do not fit its manifest.</exception>
    public static ImageEncoderModel LoadImage(string path) => LoadImage(ReadEntries(path), path);

    /// <summary>Loads an image model package from a stream (e.g. an artifact).</summary>
    public static ImageEncoderModel LoadImage(Stream stream, string source = "stream") => LoadImage(ReadStream(stream, source), source);

    /// <summary>Loads a package of either family: a <see cref="TabularEncoderModel"/> or an <see cref="ImageEncoderModel"/>.</summary>
    /// <exception cref="LatentOpsException">The file is missing, not a package, or its weights do not fit its manifest.</exception>
    public static IEncoderModel LoadAny(string path) => LoadAny(ReadEntries(path), path);

    /// <summary>Loads a package of either family from a stream.</summary>
    public static IEncoderModel LoadAny(Stream stream, string source = "stream") => LoadAny(ReadStream(stream, source), source);

    private static IEncoderModel LoadAny(Dictionary<string, byte[]> entries, string source) =>
        Parse(entries, source).Manifest.Architecture.Kind == EncoderKind.Image ? LoadImage(entries, source) : Load(entries, source);

    private static Dictionary<string, byte[]> ReadStream(Stream stream, string source)
    {
        try
        {
            return AtomicZip.Read(stream);
        }
        catch (InvalidDataException e)
        {
            throw LatentOpsException.InvalidInput($"'{source}' is not a LatentOps model package (not a zip: {e.Message}).", e);
        }
    }

    private static ImageEncoderModel LoadImage(Dictionary<string, byte[]> entries, string source)
    {
        var (manifest, encoderWeights, headWeights) = Parse(entries, source);
        var architecture = manifest.Architecture;
        if (architecture.Kind != EncoderKind.Image)
        {
            throw LatentOpsException.InvalidInput($"'{source}' holds a {architecture.Kind.ToString().ToLowerInvariant()} encoder; this loader reads image encoders.");
        }

        var pixels = (long)architecture.ImageHeight * architecture.ImageWidth;
        if (architecture.ImageHeight < 4 || architecture.ImageWidth < 4 || manifest.Preprocessing.Columns.Count != pixels
            || manifest.Preprocessing.Columns.Any(c => c.Kind != ColumnEncodingKind.Numeric))
        {
            throw LatentOpsException.InvalidInput($"'{source}': {ManifestEntry} describes {architecture.ImageHeight}x{architecture.ImageWidth} images but its preprocessing has {manifest.Preprocessing.Columns.Count} columns; an image package needs one numeric column per pixel.");
        }

        ImageEncoderModule.Check(architecture, $"'{source}'");
        ImageEncoderModule? encoder = null;
        nn.Module<Tensor, Tensor>? head = null;
        try
        {
            encoder = TorchRuntime.Build(null, () => new ImageEncoderModule(architecture));
            TensorData.LoadWeights(encoder, encoderWeights);
            if (manifest.Classes is { } classes)
            {
                if (headWeights is null)
                {
                    throw LatentOpsException.InvalidInput($"'{source}' lists classes but has no {HeadEntry}.");
                }

                head = TorchRuntime.Build(null, () => nn.Linear(architecture.EmbeddingDimension, classes.Count));
                TensorData.LoadWeights(head, headWeights);
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or LatentOpsException)
        {
            encoder?.Dispose();
            head?.Dispose();
            if (e is LatentOpsException)
            {
                throw;
            }

            throw LatentOpsException.InvalidInput($"'{source}': the weights do not fit the architecture in {ManifestEntry} ({e.Message}).", e);
        }

        return new ImageEncoderModel(manifest.Preprocessing, architecture, encoder, head, manifest.Classes, manifest.LabelColumn, manifest.Objective, manifest.TrainingDatasetHash);
    }

    private static (ModelManifest Manifest, List<(string, byte[])> Entries) Build(ImageEncoderModel model, ModelPackageInfo? info)
    {
        ArgumentNullException.ThrowIfNull(model);
        var encoder = TensorData.SaveWeights(model.Encoder);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal) { [EncoderEntry] = ContentHash.Of(encoder) };
        byte[]? head = null;
        if (model.Classifier is not null)
        {
            head = TensorData.SaveWeights(model.Classifier);
            files[HeadEntry] = ContentHash.Of(head);
        }

        var outputs = new List<SignatureOutput> { new("embedding", "float32", [-1, model.EmbeddingDimension]) };
        if (model.Classes is { } classes)
        {
            outputs.Add(new SignatureOutput("probabilities", "float32", [-1, classes.Count], classes));
        }

        var columns = model.Preprocessor.Columns;
        var manifest = new ModelManifest
        {
            Name = info?.Name,
            Signature = new ModelSignature([.. columns.Select(c => new SignatureInput(c.Column, c.SourceType, Nullable: false))], outputs),
            Image = new ImageInput(model.Architecture.ImageHeight, model.Architecture.ImageWidth, 1, model.PixelScale, columns[0].Column, columns[^1].Column),
            Preprocessing = model.Preprocessor,
            Architecture = model.Architecture,
            Objective = model.Objective,
            Classes = model.Classes,
            LabelColumn = model.LabelColumn,
            TrainingDatasetHash = model.TrainingDatasetHash,
            Metrics = info?.Metrics,
            Lineage = info?.Lineage,
            Files = files,
        };
        var entries = new List<(string, byte[])>
        {
            (ManifestEntry, Encoding.UTF8.GetBytes(LatentOpsJson.Serialize(manifest))),
            (EncoderEntry, encoder),
        };
        if (head is not null)
        {
            entries.Add((HeadEntry, head));
        }

        return (manifest, entries);
    }
}
