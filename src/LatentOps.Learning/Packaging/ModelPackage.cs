using System.Text;
using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.Hashing;
using LatentOps.Core.Serialization;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Torch;
using static TorchSharp.torch;

namespace LatentOps.Learning.Packaging;

/// <summary>
/// Writes and reads model packages: one zip holding <c>model.json</c> (<see cref="ModelManifest"/>),
/// <c>encoder.bin</c> and, for classifiers, <c>head.bin</c> (TorchSharp weights). Files are written
/// atomically and deterministically (equal model, equal bytes, equal content hash). Tabular and image
/// encoders share the format; <see cref="LoadAny(string)"/> reads either.
/// </summary>
public static partial class ModelPackage
{
    /// <summary>The manifest entry.</summary>
    public const string ManifestEntry = "model.json";

    /// <summary>The encoder weights entry.</summary>
    public const string EncoderEntry = "encoder.bin";

    /// <summary>The classification head weights entry.</summary>
    public const string HeadEntry = "head.bin";

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically (temp file + rename).</summary>
    public static ModelManifest Save(TabularEncoderModel model, string path, ModelPackageInfo? info = null)
    {
        var (manifest, entries) = Build(model, info);
        AtomicZip.Write(path, entries);
        return manifest;
    }

    /// <summary>The package as bytes (for an artifact store).</summary>
    public static byte[] ToBytes(TabularEncoderModel model, ModelPackageInfo? info = null) => AtomicZip.ToBytes(Build(model, info).Entries);

    /// <summary>Reads only the manifest.</summary>
    public static ModelManifest ReadManifest(string path) => Parse(ReadEntries(path), path).Manifest;

    /// <summary>Loads a package written by <see cref="Save(TabularEncoderModel, string, ModelPackageInfo?)"/>.</summary>
    /// <exception cref="LatentOpsException">The file is missing, not a package, or its weights do not fit its manifest.</exception>
    public static TabularEncoderModel Load(string path) => Load(ReadEntries(path), path);

    /// <summary>Loads a package from a stream (e.g. an artifact).</summary>
    public static TabularEncoderModel Load(Stream stream, string source = "stream")
    {
        try
        {
            return Load(AtomicZip.Read(stream), source);
        }
        catch (InvalidDataException e)
        {
            throw LatentOpsException.InvalidInput($"'{source}' is not a LatentOps model package (not a zip: {e.Message}).", e);
        }
    }

    private static TabularEncoderModel Load(Dictionary<string, byte[]> entries, string source)
    {
        var (manifest, encoderWeights, headWeights) = Parse(entries, source);
        if (manifest.Architecture.Kind != EncoderKind.Tabular)
        {
            throw LatentOpsException.InvalidInput($"'{source}' holds an image encoder ({manifest.Architecture.ImageHeight}x{manifest.Architecture.ImageWidth} grey images); only tabular models can be used here. Image models work with latentops embed, similar and evaluate model.");
        }

        var encoder = TorchRuntime.Build(null, () => new TabularEncoderModule(manifest.Architecture));
        nn.Module<Tensor, Tensor>? head = null;
        try
        {
            TensorData.LoadWeights(encoder, encoderWeights);
            if (manifest.Classes is { } classes)
            {
                if (headWeights is null)
                {
                    throw LatentOpsException.InvalidInput($"'{source}' lists classes but has no {HeadEntry}.");
                }

                head = TorchRuntime.Build(null, () => nn.Linear(manifest.Architecture.EmbeddingDimension, classes.Count));
                TensorData.LoadWeights(head, headWeights);
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            encoder.Dispose();
            head?.Dispose();
            throw LatentOpsException.InvalidInput($"'{source}': the weights do not fit the architecture in {ManifestEntry} ({e.Message}).", e);
        }

        return new TabularEncoderModel(manifest.Preprocessing, manifest.Architecture, encoder, head, manifest.Classes, manifest.LabelColumn, manifest.Objective, manifest.TrainingDatasetHash);
    }

    private static Dictionary<string, byte[]> ReadEntries(string path)
    {
        if (!File.Exists(path))
        {
            throw LatentOpsException.NotFound($"Model package '{path}' does not exist.");
        }

        try
        {
            return AtomicZip.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw LatentOpsException.InvalidInput($"'{path}' is not a LatentOps model package (not a zip: {e.Message}).", e);
        }
    }

    private static (ModelManifest Manifest, byte[] Encoder, byte[]? Head) Parse(Dictionary<string, byte[]> entries, string source)
    {
        if (!entries.TryGetValue(ManifestEntry, out var json))
        {
            throw LatentOpsException.InvalidInput($"'{source}' is not a LatentOps model package: it has no {ManifestEntry}.");
        }

        ModelManifest manifest;
        try
        {
            manifest = LatentOpsJson.Deserialize<ModelManifest>(Encoding.UTF8.GetString(json));
        }
        catch (JsonException e)
        {
            throw LatentOpsException.InvalidInput($"'{source}': {ManifestEntry} is not a valid manifest ({e.Message}).", e);
        }

        if (manifest.FormatVersion != ModelManifest.CurrentFormatVersion)
        {
            throw LatentOpsException.InvalidInput($"'{source}' has package format version {manifest.FormatVersion}; this build reads version {ModelManifest.CurrentFormatVersion}.");
        }

        foreach (var (name, hash) in manifest.Files)
        {
            if (!entries.TryGetValue(name, out var content))
            {
                throw LatentOpsException.InvalidInput($"'{source}' lists {name} in its manifest but does not contain it.");
            }

            if (ContentHash.Of(content) != hash)
            {
                throw LatentOpsException.InvalidInput($"'{source}': {name} does not match the SHA-256 in its manifest (the package is corrupt or was edited).");
            }
        }

        if (!entries.TryGetValue(EncoderEntry, out var encoder))
        {
            throw LatentOpsException.InvalidInput($"'{source}' has no {EncoderEntry}.");
        }

        return (manifest, encoder, entries.GetValueOrDefault(HeadEntry));
    }

    private static (ModelManifest Manifest, List<(string, byte[])> Entries) Build(TabularEncoderModel model, ModelPackageInfo? info)
    {
        ArgumentNullException.ThrowIfNull(model);
        var encoder = TensorData.SaveWeights(model.Encoder);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal) { [EncoderEntry] = ContentHash.Of(encoder) };
        var entries = new List<(string, byte[])>();
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

        var inputs = model.Preprocessor.Columns
            .Select(c => new SignatureInput(c.Column, c.SourceType, Nullable: true))
            .ToList();
        var manifest = new ModelManifest
        {
            Name = info?.Name,
            Signature = new ModelSignature(inputs, outputs),
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
        entries.Add((ManifestEntry, Encoding.UTF8.GetBytes(LatentOpsJson.Serialize(manifest))));
        entries.Add((EncoderEntry, encoder));
        if (head is not null)
        {
            entries.Add((HeadEntry, head));
        }

        return (manifest, entries);
    }
}
