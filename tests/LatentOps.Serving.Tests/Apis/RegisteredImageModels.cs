using System.Globalization;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Learning.Images;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Packaging;
using LatentOps.Store.Features;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

namespace LatentOps.Serving.Tests.Apis;

/// <summary>
/// A workspace with real image models trained on 96 Fashion-MNIST images (the fixture's IDX files,
/// ingested as the data layer does: pixel_0 ... pixel_783 integer columns): <c>fashion</c> versions 1
/// and 2 (supervised, seeds 1 and 2, alias champion -> 1; version 1's embeddings of images 0..49
/// materialised as entities "0".."49") and <c>fashion-ssl</c> version 1 (SimCLR, no head).
/// </summary>
public sealed class RegisteredImageModels : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "latentops-serving-images", Guid.NewGuid().ToString("N"));

    /// <summary>The 500 fixture images with their label.</summary>
    public Table Images { get; private set; } = null!;

    /// <summary>Image <paramref name="row"/>'s 784 pixel values.</summary>
    public int[] Pixels(int row) => [.. Enumerable.Range(0, 784).Select(p => (int)((NumericColumn)Images[string.Create(CultureInfo.InvariantCulture, $"pixel_{p}")])[row])];

    public async ValueTask InitializeAsync()
    {
        Images = await TableReader.ReadAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fashion-mnist-500", "train-images-idx3-ubyte.gz"));
        var train = Images.Take([.. Enumerable.Range(0, 96)]);
        var workspace = Workspace.Open(Folder);
        await RegisterAsync(workspace, "fashion", train, TrainingObjective.Supervised, 1, materialize: true);
        await RegisterAsync(workspace, "fashion", train, TrainingObjective.Supervised, 2, materialize: false);
        await RegisterAsync(workspace, "fashion-ssl", train, TrainingObjective.SimClr, 1, materialize: false);
        await workspace.Registry("tests").SetAliasAsync("fashion", "champion", 1);
    }

    /// <summary>Loads a registered version's package directly (the reference the server must match).</summary>
    public ImageEncoderModel Load(string name, int version)
    {
        var workspace = Workspace.Open(Folder);
        var resolved = workspace.Registry("tests").ResolveAsync(new Core.References.ModelRef(name, version, null)).GetAwaiter().GetResult();
        return ModelPackage.LoadImage(workspace.Artifacts.GetPath(resolved.PackageHash));
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private async Task RegisterAsync(Workspace workspace, string name, Table train, TrainingObjective objective, int seed, bool materialize)
    {
        var result = new ImageTrainer(new ImageTrainingOptions
        {
            Objective = objective,
            LabelColumn = objective == TrainingObjective.Supervised ? "label" : null,
            Epochs = 1,
            BatchSize = 32,
            Channels = 8,
            EmbeddingDimension = 8,
            Threads = 1,
            Seed = seed,
            Patience = 0,
        }).Fit(train);
        using var model = result.Model;
        var package = await workspace.Artifacts.PutAsync(ModelPackage.ToBytes(model));
        var tracking = workspace.Tracking("tests");
        var run = await tracking.CreateRunAsync(new RunStart { Experiment = name });
        await tracking.LogArtifactAsync(run.RunId, new RunArtifact("model", package.Hash, package.Size));
        await tracking.EndRunAsync(run.RunId, RunStatus.Finished);
        var version = await workspace.Registry("tests").RegisterAsync(name, run.RunId);
        if (materialize)
        {
            var embeddings = model.Embed(Images.Take([.. Enumerable.Range(0, 50)]));
            var rows = Enumerable.Range(0, 50)
                .Select(i => new EmbeddingRow(i.ToString(CultureInfo.InvariantCulture), DateTimeOffset.UtcNow, embeddings.Values.AsSpan(i * embeddings.Dimension, embeddings.Dimension).ToArray()))
                .ToList();
            await workspace.Features("tests").MaterializeAsync(name, version.Version, rows);
        }
    }
}
