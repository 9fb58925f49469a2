using LatentOps.Core.References;
using LatentOps.Governance.Datasheets;

namespace LatentOps.Governance.Tests.Datasheets;

public sealed class DatasheetBuilderTests(GovernanceWorkspace fixture)
{
    [Fact]
    public async Task BuildAsync_IngestedDataset_FillsCollectionCompositionAndUses()
    {
        using var copy = await fixture.CopyAsync();

        var sheet = await DatasheetBuilder.BuildAsync(copy.Workspace, DatasetRef.Parse("loans"), cancellationToken: TestContext.Current.CancellationToken);
        var facts = sheet.Sections.ToDictionary(s => s.Key, s => s.Facts.ToDictionary(f => f.Label, f => f.Value));

        Assert.Equal("loans:1", sheet.Reference);
        Assert.Equal(["motivation", "composition", "collection", "preprocessing", "uses", "distribution", "maintenance"], sheet.Sections.Select(s => s.Key));
        Assert.StartsWith("lending_club.csv (csv,", facts["collection"]["Source file"], StringComparison.Ordinal);
        Assert.Equal(64, facts["collection"]["Source sha256"].Length);
        Assert.Equal("9,857 rows x 23 columns", facts["composition"]["Size"]);
        Assert.Contains("bad", facts["composition"]["Label values"], StringComparison.Ordinal);
        Assert.StartsWith("none detected", facts["composition"]["Personal data found"], StringComparison.Ordinal);
        Assert.Contains("loans-train:1 (split)", facts["maintenance"]["Derived from this version"], StringComparison.Ordinal);
        Assert.Equal(23, sheet.Profile.ColumnCount);
        Assert.Empty(sheet.Uses); // The model was trained on loans-train, not on loans.
    }

    [Fact]
    public async Task BuildAsync_SplitPart_RecordsTheTransformLeakageCheckAndTheModelTrainedOnIt()
    {
        using var copy = await fixture.CopyAsync();

        var sheet = await DatasheetBuilder.BuildAsync(copy.Workspace, DatasetRef.Parse("loans-train:1"), cancellationToken: TestContext.Current.CancellationToken);
        var facts = sheet.Sections.ToDictionary(s => s.Key, s => s.Facts.ToDictionary(f => f.Label, f => f.Value));

        Assert.Contains("loans:1 -> loans-train:1: split", facts["preprocessing"]["Transforms recorded"], StringComparison.Ordinal);
        Assert.Equal("loans-test:1", sheet.Checks.ComparedWith);
        var use = Assert.Single(sheet.Uses);
        Assert.Equal(fixture.TrainRunId, use.RunId);
        Assert.Equal(["loans:1"], use.Models);
        Assert.Equal("loans:1", facts["uses"]["Models trained on it"]);
    }

    [Fact]
    public async Task Regenerate_AfterEditingAnAnswerAndANewVersion_AnswerKeptForTheNewVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        using var copy = await fixture.CopyAsync();
        var first = await DatasheetBuilder.BuildAsync(copy.Workspace, DatasetRef.Parse("loans"), cancellationToken: ct);
        var edited = (await File.ReadAllTextAsync(first.Written.Path, ct))
            .Replace("<!-- latentops:end motivation -->", "Collected to study loan defaults in a teaching setting.\n<!-- latentops:end motivation -->", StringComparison.Ordinal);
        await File.WriteAllTextAsync(first.Written.Path, edited, ct);
        var catalog = new Store.Datasets.DatasetCatalog(copy.Workspace);
        var table = await catalog.LoadTableAsync(DatasetRef.Parse("loans:1"), ct);
        await catalog.AddVersionAsync("loans", table.Take(Enumerable.Range(0, 5000).ToArray()), new Store.Datasets.DatasetRoles(Label: "Class"),
            Store.Datasets.DatasetProvenance.Derived(new Store.Datasets.DatasetTransform("filter", new Dictionary<string, string> { ["rows"] = "first 5000" })), [DatasetRef.Parse("loans:1")], ct);

        var second = await DatasheetBuilder.BuildAsync(copy.Workspace, DatasetRef.Parse("loans"), cancellationToken: ct);
        var markdown = DatasheetRenderer.ToMarkdown(second);

        Assert.Equal("loans:2", second.Reference);
        Assert.Equal(edited, await File.ReadAllTextAsync(second.Written.Path, ct));
        Assert.Equal("Collected to study loan defaults in a teaching setting.", second.Sections[0].Written.Text);
        Assert.Contains("Collected to study loan defaults in a teaching setting.", markdown, StringComparison.Ordinal);
        Assert.Equal("5,000 rows x 23 columns", second.Sections.Single(s => s.Key == "composition").Facts.Single(f => f.Label == "Size").Value);
        Assert.Equal(2, second.Versions.Count);
    }

    [Fact]
    public async Task BuildAsync_SecondTime_ChecksAndProfileFromTheCacheEqualTheFreshOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var copy = await fixture.CopyAsync();
        var cache = Path.Combine(copy.Folder, "governance", "cache");
        Directory.Delete(cache, recursive: true);

        var fresh = await DatasheetBuilder.BuildAsync(copy.Workspace, DatasetRef.Parse("loans-train:1"), cancellationToken: ct);
        var files = Directory.GetFiles(cache, "*.json", SearchOption.AllDirectories);
        var cached = await DatasheetBuilder.BuildAsync(copy.Workspace, DatasetRef.Parse("loans-train:1"), cancellationToken: ct);

        Assert.Equal(2, files.Length); // One check result, one profile.
        Assert.Equal(Core.Serialization.LatentOpsJson.Serialize(fresh.Checks), Core.Serialization.LatentOpsJson.Serialize(cached.Checks));
        Assert.Equal(Core.Serialization.LatentOpsJson.Serialize(fresh.Profile), Core.Serialization.LatentOpsJson.Serialize(cached.Profile));
        Assert.NotEmpty(cached.Checks.Findings);
    }

    [Fact]
    public async Task ToHtml_Datasheet_ShowsQuestionsFactsAndColumns()
    {
        using var copy = await fixture.CopyAsync();
        var sheet = await DatasheetBuilder.BuildAsync(copy.Workspace, DatasetRef.Parse("loans"), cancellationToken: TestContext.Current.CancellationToken);

        var html = DatasheetRenderer.ToHtml(sheet);

        foreach (var text in new[] { "Datasheet: loans:1", "Motivation", "Composition", "Collection process", "Preprocessing, cleaning and labeling", "Uses", "Distribution", "Maintenance", "Not answered yet", "What LatentOps recorded", "funded_amnt", "Rows per Class" })
        {
            Assert.Contains(text, html, StringComparison.Ordinal);
        }
    }
}
