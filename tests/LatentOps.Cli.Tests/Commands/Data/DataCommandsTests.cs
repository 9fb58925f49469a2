using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Data;

public sealed class DataCommandsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LatentOps.slnx")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }

    private static string Fixture(params string[] parts) => Path.Combine([RepositoryRoot(), "tests", "LatentOps.Data.Tests", "Fixtures", .. parts]);

    private static string Sample => Path.Combine(RepositoryRoot(), "samples", "lending_club.csv");

    [Fact]
    public async Task Ingest_SameFileTwice_SecondMakesNoNewVersion()
    {
        var first = await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class", "--json");
        var second = await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class", "--json");

        Assert.Equal(0, first.ExitCode);
        using var a = JsonDocument.Parse(first.Out);
        using var b = JsonDocument.Parse(second.Out);
        Assert.Equal("loans:1", a.RootElement.GetProperty("dataset").GetString());
        Assert.True(a.RootElement.GetProperty("created").GetBoolean());
        Assert.Equal(9857, a.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal("loans:1", b.RootElement.GetProperty("dataset").GetString());
        Assert.False(b.RootElement.GetProperty("created").GetBoolean());
    }

    [Theory]
    [InlineData("ragged.csv", "row 2")]
    [InlineData("unbalanced_quote.csv", "row 1")]
    [InlineData("invalid_utf8.csv", "row 2")]
    [InlineData("empty.csv", "row 0")]
    [InlineData("header_only.csv", "row 1")]
    [InlineData("duplicate_columns.csv", "row 0")]
    [InlineData("big_field.csv.gz", "row 2")]
    public async Task Ingest_BadFile_Exits1NamingFileAndRowAndStoresNothing(string file, string row)
    {
        var result = await _cli.RunAsync("data", "ingest", Fixture("bad", file), "--name", "bad");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error.Split('\n').First(l => l.StartsWith("error", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(file, result.Error, StringComparison.Ordinal);
        Assert.Contains(row, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        await AssertStoreEmptyAsync();
    }

    [Fact]
    public async Task Ingest_MissingLabelColumn_Exits1NamingColumnAndStoresNothing()
    {
        var result = await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "target");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("lending_club.csv", result.Error, StringComparison.Ordinal);
        Assert.Contains("label column 'target'", result.Error, StringComparison.Ordinal);
        await AssertStoreEmptyAsync();
    }

    [Fact]
    public async Task ShowListDiff_TwoVersions_ReportSchemaProvenanceAndRowChanges()
    {
        var changed = Path.Combine(_cli.Folder, "changed.csv");
        var lines = await File.ReadAllLinesAsync(Sample, TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(changed, lines.Take(lines.Length - 57), TestContext.Current.CancellationToken);
        await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class");
        await _cli.RunAsync("data", "ingest", changed, "--name", "loans", "--label", "Class");

        var show = await _cli.RunAsync("data", "show", "loans:1", "--json");
        var list = await _cli.RunAsync("data", "list");
        var diff = await _cli.RunAsync("data", "diff", "loans:1", "loans:2", "--json");

        using var shown = JsonDocument.Parse(show.Out);
        var source = shown.RootElement.GetProperty("version").GetProperty("provenance").GetProperty("source");
        Assert.Equal("lending_club.csv", source.GetProperty("fileName").GetString());
        Assert.Equal(64, source.GetProperty("sha256").GetString()!.Length);
        Assert.Equal("label", shown.RootElement.GetProperty("schema").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Class").GetProperty("role").GetString());
        Assert.Contains("loans", list.Out, StringComparison.Ordinal);
        using var diffed = JsonDocument.Parse(diff.Out);
        Assert.Equal(57, diffed.RootElement.GetProperty("diff").GetProperty("rowsOnlyInA").GetInt32());
        Assert.Equal(0, diffed.RootElement.GetProperty("diff").GetProperty("rowsOnlyInB").GetInt32());
    }

    [Fact]
    public async Task Profile_Sample_WritesHtmlWithChartsAndJson()
    {
        await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--label", "Class");
        var report = Path.Combine(_cli.Folder, "profile.html");

        var result = await _cli.RunAsync("data", "profile", "loans", "--out", report, "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal(23, document.RootElement.GetProperty("profile").GetProperty("columns").GetArrayLength());
        var html = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("addr_state", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SplitThenCheck_DuplicatedRows_ReportsLeakageAgainstSiblingPart()
    {
        var doubled = Path.Combine(_cli.Folder, "doubled.csv");
        var lines = (await File.ReadAllLinesAsync(Fixture("real", "lending_club_500.csv"), TestContext.Current.CancellationToken)).ToList();
        await File.WriteAllLinesAsync(doubled, [.. lines, .. lines.Skip(1).Take(200)], TestContext.Current.CancellationToken);
        await _cli.RunAsync("data", "ingest", doubled, "--name", "loans", "--label", "Class");

        var split = await _cli.RunAsync("data", "split", "loans", "--by", "random", "--test", "0.3", "--json");
        var check = await _cli.RunAsync("data", "check", "loans-train", "--json", "--fail-on", "error");

        Assert.Equal(0, split.ExitCode);
        using var parts = JsonDocument.Parse(split.Out);
        Assert.Equal(["loans-train:1", "loans-test:1"], parts.RootElement.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("dataset").GetString()));
        Assert.Equal(1, check.ExitCode);
        using var document = JsonDocument.Parse(check.Out);
        var findings = document.RootElement.GetProperty("checks").GetProperty("findings").EnumerateArray().ToArray();
        Assert.Contains(findings, f => f.GetProperty("check").GetString() == "leakage.duplicate-rows" && f.GetProperty("severity").GetString() == "error");
        Assert.Equal("loans-test:1", document.RootElement.GetProperty("checks").GetProperty("settings").GetProperty("counterpart").GetString());
    }

    [Fact]
    public async Task Check_FiveStatesAgainstAll_Unrepresentative()
    {
        var lines = await File.ReadAllLinesAsync(Sample, TestContext.Current.CancellationToken);
        string[] states = ["\"CA\"", "\"TX\"", "\"NY\"", "\"FL\"", "\"IL\""];
        var five = Path.Combine(_cli.Folder, "five.csv");
        await File.WriteAllLinesAsync(five, [lines[0], .. lines.Skip(1).Where(l => states.Contains(l.Split(',')[4]))], TestContext.Current.CancellationToken);
        await _cli.RunAsync("data", "ingest", Sample, "--name", "all", "--label", "Class");
        await _cli.RunAsync("data", "ingest", five, "--name", "five", "--label", "Class");

        var result = await _cli.RunAsync("data", "check", "five", "--reference", "all", "--json");

        using var document = JsonDocument.Parse(result.Out);
        var findings = document.RootElement.GetProperty("checks").GetProperty("findings").EnumerateArray().ToArray();
        var summary = findings.Single(f => f.GetProperty("check").GetString() == "representativeness.summary");
        Assert.Equal("error", summary.GetProperty("severity").GetString());
        Assert.Contains(findings, f => f.GetProperty("check").GetString() == "representativeness.categories" && f.GetProperty("column").GetString() == "addr_state");
        Assert.Contains(findings, f => f.GetProperty("check").GetString() == "imbalance.classes");
    }

    [Fact]
    public async Task CheckRedact_SpamSlice_FindsEmailsAndStoresMaskedVersion()
    {
        await _cli.RunAsync("data", "ingest", Fixture("real", "spam_assassin_40.jsonl.gz"), "--name", "spam", "--label", "label");

        var result = await _cli.RunAsync("data", "check", "spam", "--redact", "--json");
        var again = await _cli.RunAsync("data", "check", "spam:2", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        Assert.Contains(document.RootElement.GetProperty("checks").GetProperty("findings").EnumerateArray(), f => f.GetProperty("check").GetString() == "pii.email");
        Assert.Equal("spam:2", document.RootElement.GetProperty("redaction").GetProperty("dataset").GetString());
        using var redacted = JsonDocument.Parse(again.Out);
        Assert.DoesNotContain(redacted.RootElement.GetProperty("checks").GetProperty("findings").EnumerateArray(), f => f.GetProperty("check").GetString() == "pii.email");
        var show = await _cli.RunAsync("data", "show", "spam:2");
        Assert.Contains("transform: redact", show.Out, StringComparison.Ordinal);
        Assert.Contains("derived from: spam:1", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_SchemaFile_OverridesTypesAndRejectsUnknownType()
    {
        var schema = Path.Combine(_cli.Folder, "schema.json");
        var bad = Path.Combine(_cli.Folder, "bad-schema.json");
        await File.WriteAllTextAsync(schema, """{"funded_amnt": "numeric", "term": "text"}""", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(bad, """{"term": "float"}""", TestContext.Current.CancellationToken);

        var ok = await _cli.RunAsync("data", "ingest", Sample, "--name", "loans", "--schema", schema, "--json");
        var refused = await _cli.RunAsync("data", "ingest", Sample, "--name", "other", "--schema", bad);

        using var document = JsonDocument.Parse(ok.Out);
        var types = document.RootElement.GetProperty("schema").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type").GetString());
        Assert.Equal("numeric", types["funded_amnt"]);
        Assert.Equal("text", types["term"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("'float' is not a type", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownDataset_Exits1ListingDatasets()
    {
        await _cli.RunAsync("data", "ingest", Sample, "--name", "loans");

        var result = await _cli.RunAsync("data", "show", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no dataset 'nope'", result.Error, StringComparison.Ordinal);
        Assert.Contains("loans", result.Error, StringComparison.Ordinal);
    }

    private async Task AssertStoreEmptyAsync()
    {
        var list = await _cli.RunAsync("data", "list", "--json");
        using var document = JsonDocument.Parse(list.Out);
        Assert.Equal(0, document.RootElement.GetProperty("datasets").GetArrayLength());
        var artifacts = Path.Combine(_cli.Folder, ".latentops", "artifacts");
        Assert.Empty(Directory.Exists(artifacts) ? Directory.EnumerateFiles(artifacts, "*", SearchOption.AllDirectories) : []);
    }
}
