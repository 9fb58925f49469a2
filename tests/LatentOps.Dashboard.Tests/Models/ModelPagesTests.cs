using Microsoft.Playwright;

namespace LatentOps.Dashboard.Tests.Models;

public sealed class ModelPagesTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Model_OpenedFromTheList_ComparesVersionsSideBySide()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(fixture.ReadKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Models" }).ClickAsync();
        await fixture.ScreenshotAsync(page, "models");
        await page.GetByRole(AriaRole.Link, new() { Name = "loans", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Model loans", Level = 1 })).ToBeVisibleAsync();
        var compared = page.GetByRole(AriaRole.Table, new() { Name = "Settings and results of loans, one column per version" });
        await Assertions.Expect(compared.GetByRole(AriaRole.Columnheader, new() { Name = "version 1" })).ToBeVisibleAsync();
        await Assertions.Expect(compared.GetByRole(AriaRole.Columnheader, new() { Name = "version 2" })).ToBeVisibleAsync();
        var seedRow = compared.GetByRole(AriaRole.Row).Filter(new() { HasText = "seed" });
        await Assertions.Expect(seedRow).ToContainTextAsync("2");
        await Assertions.Expect(seedRow).ToContainTextAsync("1");
        await Assertions.Expect(compared).ToContainTextAsync("evaluation: accuracyScore");
        await fixture.ScreenshotAsync(page, "model");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ModelVersion_Evaluated_ShowsCardMetricsWithIntervalsSlicesAndReliabilityDiagram()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(fixture.ReadKey);
        await page.GotoAsync("/models/loans");
        await page.GetByRole(AriaRole.Link, new() { Name = "version 2", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Model loans, version 2", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Model card" })).ToBeVisibleAsync();
        var metrics = page.GetByRole(AriaRole.Table, new() { Name = "Metrics of loans:2" });
        var accuracy = metrics.GetByRole(AriaRole.Row).Filter(new() { HasText = "accuracyScore" }).First;
        await Assertions.Expect(accuracy).ToContainTextAsync(" to ");
        await Assertions.Expect(accuracy).ToContainTextAsync("share of cases the model got right");
        var diagram = page.GetByRole(AriaRole.Img).Filter(new() { HasText = "Reliability diagram" });
        Assert.StartsWith("Reliability diagram of loans:2", await page.Locator("figure[aria-label^='Reliability diagram']").GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        await Assertions.Expect(diagram.Locator("svg")).ToBeVisibleAsync();
        var slices = page.GetByRole(AriaRole.Table, new() { Name = "Results of loans:2 per slice" });
        await Assertions.Expect(slices).ToContainTextAsync("term_36");
        await Assertions.Expect(slices).ToContainTextAsync("verification_status");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "loans version 1" })).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "model-version");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ModelVersion_Unknown_ShowsReadableNotFoundPage()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(fixture.ReadKey);
        var response = await page.GotoAsync("/models/loans/99");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
