using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Packaging;
using LatentOps.Store.Registry;

namespace LatentOps.Cli.Commands.Evaluate;

/// <summary>A registered model version loaded from its package: the version, the manifest and the model, tabular or image (dispose it).</summary>
internal sealed record LoadedModel(ModelVersion Version, ModelManifest Manifest, IEncoderModel Model) : IDisposable
{
    /// <summary>The dataset the model was trained on, from the package lineage, if recorded.</summary>
    public DatasetRef? TrainingDataset =>
        Manifest.Lineage?.GetValueOrDefault("dataset") is { } text ? DatasetRef.Parse(text) : null;

    public void Dispose() => Model.Dispose();
}

/// <summary>Resolves <c>NAME:VERSION</c> or <c>NAME@ALIAS</c> in the registry and loads its model package.</summary>
internal static class RegisteredModelLoader
{
    public static async Task<LoadedModel> LoadAsync(CommandContext context, string reference, string argument = "REF")
    {
        var modelRef = ParseRef(reference, argument);
        var version = await StoreAccess.Registry(context).ResolveAsync(modelRef, context.CancellationToken).ConfigureAwait(false);
        if (!context.Workspace.Artifacts.Exists(version.PackageHash))
        {
            throw LatentOpsException.InvalidState($"Model {version.Reference} is registered but its package {version.PackageHash[..12]} is missing from the artifact store.");
        }

        var path = context.Workspace.Artifacts.GetPath(version.PackageHash);
        var manifest = ModelPackage.ReadManifest(path);
        return new LoadedModel(version, manifest, ModelPackage.LoadAny(path));
    }

    /// <summary>Parses a model reference, naming the argument when it is malformed.</summary>
    public static ModelRef ParseRef(string reference, string argument)
    {
        try
        {
            return ModelRef.Parse(reference);
        }
        catch (LatentOpsException ex)
        {
            throw LatentOpsException.InvalidInput($"{argument}: {ex.Message}");
        }
    }

    /// <summary>Parses a dataset reference, naming the option when it is malformed.</summary>
    public static DatasetRef ParseDataset(string text, string option)
    {
        try
        {
            return DatasetRef.Parse(text);
        }
        catch (LatentOpsException ex)
        {
            throw LatentOpsException.InvalidInput($"{option}: {ex.Message}");
        }
    }
}
