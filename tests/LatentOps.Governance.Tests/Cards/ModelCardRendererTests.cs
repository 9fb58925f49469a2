using LatentOps.Core.References;
using LatentOps.Governance.Cards;
using LatentOps.Governance.Sections;

namespace LatentOps.Governance.Tests.Cards;

public sealed class ModelCardRendererTests(GovernanceWorkspace fixture)
{
    [Fact]
    public async Task ToHtml_EvaluatedModel_ShowsEverySectionAReaderNeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        using var copy = await fixture.CopyAsync();
        await fixture.AddEvaluationAsync(copy.Workspace, "loans:1", withArtifact: true);
        var card = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans:1"), cancellationToken: ct);

        var html = ModelCardRenderer.ToHtml(card);

        foreach (var text in new[] { "Model card: loans:1", "Intended use", "Out-of-scope uses", "Ethical considerations", "Limitations", "Training data", "loans-train:1",
            "How well it works (evaluation)", "95% interval", "Reliability diagram", "Fairness", "Robustness to messy inputs", "Monitoring in production", "NIST AI Risk Management Framework", "Still missing for this model" })
        {
            Assert.Contains(text, html, StringComparison.Ordinal);
        }

        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToHtml_WrittenSectionWithMarkup_IsEncodedNotExecuted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var copy = await fixture.CopyAsync();
        var path = ModelCardBuilder.WrittenSectionsPath(copy.Workspace, "loans");
        await WrittenSections.SetAsync(path, "Model card of loans", ModelCardSections.Templates, ModelCardSections.IntendedUse, "Reviews <script>alert(1)</script> loans.\n\n- for underwriters\n- in the US", ct);
        var card = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans:1"), cancellationToken: ct);

        var html = ModelCardRenderer.ToHtml(card);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<li>for underwriters</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToMarkdown_NistSection_ListsEachFunctionAndTheMissingCommands()
    {
        using var copy = await fixture.CopyAsync();
        var card = await ModelCardBuilder.BuildAsync(copy.Workspace, ModelRef.Parse("loans:1"), cancellationToken: TestContext.Current.CancellationToken);

        var markdown = ModelCardRenderer.ToMarkdown(card);

        foreach (var heading in new[] { "### Govern", "### Map", "### Measure", "### Manage", "### Still missing for this model" })
        {
            Assert.Contains(heading, markdown, StringComparison.Ordinal);
        }

        Assert.Contains("- [ ] Performance is measured on held-out data, with confidence intervals: `latentops evaluate model loans:1 --data loans-test`", markdown, StringComparison.Ordinal);
    }
}
