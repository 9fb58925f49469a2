using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Insights;

public sealed class InsightsCommandsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    // The Superstore subset the insights engine tests use (fictional demo data, MIT; see its README).
    private static string SalesFixture([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "LatentOps.Insights.Tests", "Fixtures", "superstore-subset.csv"));

    [Fact]
    public async Task Sales_SuperstoreSubset_WritesReportAndOneJsonDocument()
    {
        var report = Path.Combine(_cli.Folder, "out", "sales.html");

        var result = await _cli.RunAsync("insights", "sales", SalesFixture(), "--out", report, "--max-segments", "4", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal(report, document.RootElement.GetProperty("report").GetString());
        var insights = document.RootElement.GetProperty("insights");
        Assert.Equal(160, insights.GetProperty("summary").GetProperty("customers").GetInt32());
        Assert.InRange(insights.GetProperty("segments").GetArrayLength(), 3, 4);
        Assert.Contains("Customer segments", await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("[insights] customers", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sales_NotASalesFile_ExitsOneNamingMissingColumns()
    {
        var path = Path.Combine(_cli.Folder, "people.csv");
        await File.WriteAllTextAsync(path, "name,age\nAnn,31\nBob,42\n", TestContext.Current.CancellationToken);

        var result = await _cli.RunAsync("insights", "sales", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: This does not look like a sales export: 'people.csv' has no column for order ID, customer ID, product ID, sales amount.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
