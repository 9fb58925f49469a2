using System.Text.Json;
using LatentOps.Core.Tables;
using LatentOps.Store.Datasets;
using LatentOps.Store.Workspaces;

namespace LatentOps.Cli.Tests.Commands.Monitor;

public sealed class MonitorDriftCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task AddAsync(string name, double shift, int seed)
    {
        var random = new Random(seed);
        var table = new Table([
            new NumericColumn("income", [.. Enumerable.Range(0, 400).Select(_ => (random.NextDouble() * 100) + shift)]),
            new StringColumn("grade", [.. Enumerable.Range(0, 400).Select(_ => shift > 0 ? "B" : random.Next(2) == 0 ? "A" : "B")]),
            new NumericColumn("age", [.. Enumerable.Range(0, 400).Select(_ => (double)random.Next(18, 80))], ColumnType.Integer),
        ]);
        var workspace = Workspace.Open(Path.Combine(_cli.Folder, ".latentops"));
        await new DatasetCatalog(workspace).AddVersionAsync(name, table, DatasetRoles.None, DatasetProvenance.Ingested(new DatasetSource($"{name}.csv", $"/tmp/{name}.csv", 0, "0", "csv")), cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Drift_ShiftedDataset_JsonSaysDatasetDriftAndWritesReport()
    {
        await AddAsync("loans", 0, 1);
        await AddAsync("loans-new", 40, 2);

        var result = await _cli.RunAsync("monitor", "drift", "--reference", "loans", "--current", "loans-new:1", "--report", "drift.html", "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var drift = doc.RootElement.GetProperty("drift");
        Assert.True(drift.GetProperty("datasetDrift").GetBoolean());
        var drifted = drift.GetProperty("columns").EnumerateArray().Where(c => c.GetProperty("result").GetProperty("drifted").GetBoolean()).Select(c => c.GetProperty("column").GetString()).ToList();
        Assert.Equal(["grade", "income"], drifted.Order().ToList());
        Assert.Equal("age", drift.GetProperty("columns")[2].GetProperty("column").GetString());
        Assert.Contains("<table>", File.ReadAllText(Path.Combine(_cli.Folder, "drift.html")));
    }

    [Fact]
    public async Task Drift_SameDistribution_HumanOutputSaysNoDrift()
    {
        await AddAsync("a", 0, 1);
        await AddAsync("b", 0, 2);

        var result = await _cli.RunAsync("monitor", "drift", "--reference", "a", "--current", "b");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("no dataset drift", result.Out);
    }

    [Fact]
    public async Task Drift_UnknownMethod_ExitsOneNamingAllowed()
    {
        await AddAsync("a", 0, 1);

        var result = await _cli.RunAsync("monitor", "drift", "--reference", "a", "--current", "a", "--method", "magic");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("allowed: auto, ks", result.Error);
    }

    [Fact]
    public async Task Drift_MissingDataset_ExitsOne()
    {
        var result = await _cli.RunAsync("monitor", "drift", "--reference", "nothere", "--current", "nothere");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothere", result.Error);
    }
}
