using Microsoft.Playwright;

namespace LatentOps.Dashboard.Tests.Datasets;

public sealed class DatasetPagesTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Dataset_OpenedFromTheList_ShowsColumnsChecksChartsAndDatasheet()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(fixture.ReadKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Datasets" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Datasets", Level = 1 })).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "datasets");

        await page.GetByRole(AriaRole.Link, new() { Name = "loans", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dataset loans", Level = 1 })).ToBeVisibleAsync();
        foreach (var section in new[] { "Versions", "Datasheet", "Checks", "Columns" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = section, Exact = true, Level = 2 })).ToBeVisibleAsync();
        }

        var columns = page.GetByRole(AriaRole.Table, new() { Name = "Every column of loans:1" });
        await Assertions.Expect(columns.GetByRole(AriaRole.Row)).ToHaveCountAsync(24); // header + 23 columns
        await Assertions.Expect(columns).ToContainTextAsync("label");
        var charts = page.Locator("figure.chart[role=img]");
        Assert.True(await charts.CountAsync() >= 10, "one chart per charted column");
        Assert.StartsWith("How the values of funded_amnt are spread", await charts.First.GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("figure.chart svg").First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "dataset");
        await page.Context.CloseAsync();
    }
}
