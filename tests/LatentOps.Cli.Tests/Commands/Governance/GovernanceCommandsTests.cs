using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Governance;

public sealed class GovernanceCommandsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Sample => Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv");

    [Fact]
    public async Task Card_TrainedModel_WritesHtmlAndMarkdownAndKeepsAnEditedSection()
    {
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class")).ExitCode);
        var trained = await _cli.RunAsync("train", "loans", "--objective", "supervised", "--epochs", "1", "--dim", "8", "--hidden", "16", "--depth", "2", "--threads", "1", "--json");
        var runId = JsonDocument.Parse(trained.Out).RootElement.GetProperty("runId").GetString()!;
        Assert.Equal(0, (await _cli.RunAsync("models", "register", runId, "--name", "loans")).ExitCode);

        var html = await _cli.RunAsync("card", "loans:1", "--format", "html", "--out", "card.html");

        Assert.Equal(0, html.ExitCode);
        var page = await File.ReadAllTextAsync(Path.Combine(_cli.Folder, "card.html"), TestContext.Current.CancellationToken);
        Assert.Contains("Model card: loans:1", page, StringComparison.Ordinal);
        Assert.Contains("Not evaluated yet", page, StringComparison.Ordinal);
        Assert.Contains("still missing (NIST AI RMF)", html.Out, StringComparison.Ordinal);

        var sections = Path.Combine(_cli.Folder, ".latentops", "governance", "cards", "loans.md");
        var text = (await File.ReadAllTextAsync(sections, TestContext.Current.CancellationToken))
            .Replace("<!-- latentops:end intended-use -->", "Flags risky loans for review.\n<!-- latentops:end intended-use -->", StringComparison.Ordinal);
        await File.WriteAllTextAsync(sections, text, TestContext.Current.CancellationToken);
        var json = await _cli.RunAsync("card", "loans:1", "--json");

        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        Assert.EndsWith("loans-v1-card.md", document.RootElement.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Contains("Flags risky loans for review.", await File.ReadAllTextAsync(document.RootElement.GetProperty("path").GetString()!, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(text, await File.ReadAllTextAsync(sections, TestContext.Current.CancellationToken));
        Assert.Equal("loans:1", document.RootElement.GetProperty("card").GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Card_UnknownModel_Exits1NamingIt()
    {
        var result = await _cli.RunAsync("card", "nothing@champion");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Card_MalformedReference_Exits1ShowingTheForms()
    {
        var result = await _cli.RunAsync("card", "loans");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("NAME@ALIAS", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Datasheet_Dataset_WritesTheSevenSectionsAndItsAnswersFile()
    {
        Assert.Equal(0, (await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class")).ExitCode);

        var result = await _cli.RunAsync("datasheet", "loans");

        Assert.Equal(0, result.ExitCode);
        var markdown = await File.ReadAllTextAsync(Path.Combine(_cli.Folder, ".latentops", "reports", "loans-v1-datasheet.md"), TestContext.Current.CancellationToken);
        foreach (var heading in new[] { "## Motivation", "## Composition", "## Collection process", "## Preprocessing, cleaning and labeling", "## Uses", "## Distribution", "## Maintenance" })
        {
            Assert.Contains(heading, markdown, StringComparison.Ordinal);
        }

        Assert.Contains("lending_club.csv", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_cli.Folder, ".latentops", "governance", "datasheets", "loans.md")));
    }

    [Fact]
    public async Task Datasheet_UnknownFormat_Exits2ListingTheChoices()
    {
        var result = await _cli.RunAsync("datasheet", "loans", "--format", "pdf");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("html", result.Error, StringComparison.Ordinal);
    }
}
