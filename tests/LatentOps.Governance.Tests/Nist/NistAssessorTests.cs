using LatentOps.Core.References;
using LatentOps.Governance.Cards;
using LatentOps.Governance.Nist;
using LatentOps.Governance.Sections;
using LatentOps.Store.Registry;

namespace LatentOps.Governance.Tests.Nist;

public sealed class NistAssessorTests(GovernanceWorkspace fixture)
{
    [Fact]
    public async Task Assess_FreshModel_RecordedItemsPresentAndTheRestMissingWithTheCommandThatFillsThem()
    {
        using var copy = await fixture.CopyAsync();

        var card = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans:1"), cancellationToken: TestContext.Current.CancellationToken);
        var items = card.Nist.Items.ToDictionary(i => i.Id);

        Assert.Equal(Enum.GetValues<NistFunction>(), card.Nist.Items.Select(i => i.Function).Distinct());
        Assert.True(items["govern.inventory"].Present);
        Assert.True(items["govern.audit"].Present);
        Assert.True(items["govern.stage"].Present);
        Assert.True(items["map.provenance"].Present);
        Assert.True(items["map.data-checks"].Present);
        Assert.True(items["map.personal-data"].Present);
        Assert.True(items["map.reproducible"].Present);
        Assert.False(items["govern.gates"].Present);
        Assert.False(items["map.intended-use"].Present);
        Assert.Contains("governance/cards/loans.md", items["map.intended-use"].ToFill, StringComparison.Ordinal);
        Assert.False(items["measure.intervals"].Present);
        Assert.Equal("latentops evaluate model loans:1 --data loans-test", items["measure.intervals"].ToFill);
        Assert.False(items["measure.drift"].Present);
        Assert.StartsWith("latentops monitor drift --model loans:1", items["measure.drift"].ToFill, StringComparison.Ordinal);
        Assert.False(items["manage.rollback"].Present);
        Assert.All(card.Nist.Items.Where(i => i.Present), i => Assert.Null(i.ToFill));
        Assert.All(card.Nist.Missing, i => Assert.False(string.IsNullOrWhiteSpace(i.ToFill)));
    }

    [Fact]
    public async Task Assess_AfterWritingGatingAndEvaluating_ThoseItemsBecomePresent()
    {
        var ct = TestContext.Current.CancellationToken;
        using var copy = await fixture.CopyAsync();
        var path = ModelCardBuilder.WrittenSectionsPath(copy.Workspace, "loans");
        foreach (var template in ModelCardSections.Templates)
        {
            await WrittenSections.SetAsync(path, "Model card of loans", ModelCardSections.Templates, template.Key, $"Written {template.Title}.", ct);
        }

        await File.WriteAllTextAsync(Path.Combine(copy.Folder, PromotionGates.ConfigFileName), """{ "registry": { "gates": [ { "metric": "rocAucScore", "min": 0.5 } ] } }""", ct);
        await fixture.AddEvaluationAsync(copy.Workspace, "loans:1", withArtifact: true);

        var card = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans:1"), cancellationToken: ct);
        var items = card.Nist.Items.ToDictionary(i => i.Id);

        foreach (var id in new[] { "govern.owners", "govern.gates", "govern.impacts", "map.intended-use", "map.out-of-scope", "map.limitations", "measure.intervals", "measure.slices", "measure.fairness", "measure.calibration", "measure.robustness", "manage.recommendations" })
        {
            Assert.True(items[id].Present, $"{id}: {items[id].Evidence}");
        }

        Assert.Contains("rocAucScore", items["measure.intervals"].Evidence, StringComparison.Ordinal);
        Assert.False(items["manage.monitoring"].Present);
    }
}
