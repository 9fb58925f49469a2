using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Packaging;
using LatentOps.Learning.Training;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

namespace LatentOps.Serving.Tests.Apis;

/// <summary>
/// A workspace with a real model registered twice (versions 1 and 2, trained on 600 rows of the shipped
/// lending_club sample with different seeds), shared by the model API tests of a class.
/// </summary>
public sealed class RegisteredModels : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "latentops-serving-models", Guid.NewGuid().ToString("N"));

    public Table Rows { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var table = await TableReader.ReadAsync(Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv"));
        Rows = table.Take([.. Enumerable.Range(0, 600)]);
        var workspace = Workspace.Open(Folder);
        foreach (var seed in new[] { 1, 2 })
        {
            await RegisterAsync(workspace, seed);
        }

        await workspace.Registry("tests").SetAliasAsync("loans", "champion", 1);
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

    private async Task RegisterAsync(Workspace workspace, int seed)
    {
        var result = new TabularTrainer(new TrainingOptions
        {
            Objective = TrainingObjective.Supervised,
            LabelColumn = "Class",
            Epochs = 2,
            BatchSize = 128,
            Depth = 2,
            HiddenWidth = 32,
            EmbeddingDimension = 8,
            Seed = seed,
            Threads = 1,
        }).Fit(Rows);
        using var model = result.Model;
        var package = await workspace.Artifacts.PutAsync(ModelPackage.ToBytes(model));
        var tracking = workspace.Tracking("tests");
        var run = await tracking.CreateRunAsync(new RunStart { Experiment = "loans" });
        await tracking.LogArtifactAsync(run.RunId, new RunArtifact("model", package.Hash, package.Size));
        await tracking.EndRunAsync(run.RunId, RunStatus.Finished);
        await workspace.Registry("tests").RegisterAsync("loans", run.RunId);
    }
}
