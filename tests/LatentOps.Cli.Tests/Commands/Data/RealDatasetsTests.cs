using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Data;

/// <summary>
/// Every real dataset named in the issue ingests with sensible types and its profile renders, through the
/// CLI as a user runs it. Skipped when ../shared/datasets is not on this machine.
/// </summary>
public sealed class RealDatasetsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string, string, string?, string, string> Files => new()
    {
        { "tabular/birdstrikes.csv", "birdstrikes", "Effect Amount of damage", "Flight Date", "datetime" },
        { "tabular/lending_club.csv", "lending_club", "Class", "addr_state", "categorical" },
        { "tabular/credit_data.csv", "credit_data", "Status", "Income", "integer" },
        { "sales/superstore.csv", "superstore", null, "Order Date", "datetime" },
        { "sales/superstore.parquet", "superstore_parquet", null, "Sales", "numeric" },
        { "text/spam_assassin.jsonl.gz", "spam", "label", "text", "text" },
        { "images/fashion-mnist/t10k-images-idx3-ubyte.gz", "fashion_test", "label", "pixel_350", "integer" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task IngestAndProfile_RealDataset_SensibleTypesAndHtmlReport(string file, string name, string? label, string column, string type)
    {
        var path = Shared(file);
        Assert.SkipWhen(path is null, $"../shared/datasets/{file} is not present on this machine.");
        string[] args = label is null ? ["data", "ingest", path!, "--name", name, "--json"] : ["data", "ingest", path!, "--name", name, "--label", label, "--json"];

        var ingest = await _cli.RunAsync(args);
        var report = Path.Combine(_cli.Folder, $"{name}.html");
        var profile = await _cli.RunAsync("data", "profile", name, "--out", report);

        Assert.True(ingest.ExitCode == 0, ingest.Error);
        using var document = JsonDocument.Parse(ingest.Out);
        var schema = document.RootElement.GetProperty("schema").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type").GetString());
        Assert.Equal(type, schema[column]);
        Assert.Equal(0, profile.ExitCode);
        Assert.Contains("<svg", await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SpamCorpus_ReportsEmailAddresses()
    {
        var path = Shared("text/spam_assassin.jsonl.gz");
        Assert.SkipWhen(path is null, "../shared/datasets/text/spam_assassin.jsonl.gz is not present on this machine.");
        await _cli.RunAsync("data", "ingest", path!, "--name", "spam", "--label", "label");

        var check = await _cli.RunAsync("data", "check", "spam", "--json");

        using var document = JsonDocument.Parse(check.Out);
        var email = document.RootElement.GetProperty("checks").GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("check").GetString() == "pii.email");
        Assert.True(email.GetProperty("metrics").GetProperty("rows").GetDouble() > 6000);
    }

    private static string? Shared(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LatentOps.slnx")))
        {
            dir = dir.Parent;
        }

        foreach (var root in (string[])[Path.Combine(dir?.FullName ?? ".", "..", "shared", "datasets"), Path.Combine(dir?.FullName ?? ".", "..", "..", "shared", "datasets")])
        {
            var path = Path.GetFullPath(Path.Combine(root, file));
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
