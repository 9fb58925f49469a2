using System.Text.Json;
using LatentOps.Data.Parquet;

namespace LatentOps.Cli.Tests.Commands.Embed;

public sealed class EmbedCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Sample => Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv");

    private async Task RegisterEncoderAsync()
    {
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class")).ExitCode);
        var trained = await _cli.RunAsync("train", "loans", "--epochs", "1", "--dim", "8", "--hidden", "16", "--depth", "2", "--threads", "1", "--json");
        Assert.Equal(0, trained.ExitCode);
        var runId = JsonDocument.Parse(trained.Out).RootElement.GetProperty("runId").GetString()!;
        Assert.Equal(0, (await _cli.RunAsync("models", "register", runId, "--name", "loans")).ExitCode);
    }

    [Fact]
    public async Task EmbedThenSimilar_FeatureStore_ReturnsKNeighboursNearestFirstWithoutTheQuery()
    {
        await RegisterEncoderAsync();

        var embedded = await _cli.RunAsync("embed", "loans:1", "--data", "loans", "--json");
        var exact = await _cli.RunAsync("similar", "loans:1", "--id", "17", "--k", "5", "--json");
        var int8 = await _cli.RunAsync("similar", "loans", "--id", "17", "--k", "5", "--index", "int8", "--json");

        Assert.Equal(0, embedded.ExitCode);
        using var embedJson = JsonDocument.Parse(embedded.Out);
        Assert.Equal(9857, embedJson.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal("loans", embedJson.RootElement.GetProperty("featureView").GetString());
        Assert.Equal(0, exact.ExitCode);
        var neighbours = JsonDocument.Parse(exact.Out).RootElement.GetProperty("neighbours").EnumerateArray().ToList();
        Assert.Equal(5, neighbours.Count);
        Assert.DoesNotContain(neighbours, n => n.GetProperty("entityId").GetString() == "17");
        var similarities = neighbours.Select(n => n.GetProperty("similarity").GetDouble()).ToList();
        Assert.Equal(similarities.OrderDescending(), similarities);
        Assert.Equal(0, int8.ExitCode);
        var quantised = JsonDocument.Parse(int8.Out).RootElement.GetProperty("neighbours").EnumerateArray().ToList();
        Assert.InRange(Math.Abs(quantised[0].GetProperty("similarity").GetDouble() - similarities[0]), 0, 0.05);
    }

    [Fact]
    public async Task Embed_OutParquet_WritesOneRowPerEntityAndNothingToTheStore()
    {
        await RegisterEncoderAsync();
        var file = Path.Combine(_cli.Folder, "out", "loans.parquet");

        var result = await _cli.RunAsync("embed", "loans:1", "--data", "loans", "--out", file);
        var similar = await _cli.RunAsync("similar", "loans", "--id", "1");

        Assert.Equal(0, result.ExitCode);
        var table = await TableParquet.ReadAsync(file, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(9857, table.RowCount);
        Assert.Equal(["entity_id", "event_time", "model", "e0"], table.Columns.Take(4).Select(c => c.Name));
        Assert.Equal(3 + 8, table.Columns.Count);
        Assert.Equal(1, similar.ExitCode);
        Assert.Contains("latentops embed", similar.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_OutNotParquet_Exits1NamingTheOption()
    {
        var result = await _cli.RunAsync("embed", "loans:1", "--data", "loans", "--out", "x.csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--out", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_UnknownEntity_Exits1NamingIt()
    {
        await RegisterEncoderAsync();
        Assert.Equal(0, (await _cli.RunAsync("embed", "loans:1", "--data", "loans")).ExitCode);

        var result = await _cli.RunAsync("similar", "loans:1", "--id", "no-such-row");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-row", result.Error, StringComparison.Ordinal);
    }
}
