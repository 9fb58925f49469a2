using Microsoft.Playwright;

namespace LatentOps.Dashboard.Tests.Overview;

public sealed class OverviewPageTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Overview_SignedIn_ShowsHealthModelsAliasesAndLatestDrift()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(fixture.ReadKey);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("The server is running and its store answers")).ToBeVisibleAsync();
        var models = page.GetByRole(AriaRole.Table, new() { Name = "Registered models, the version each alias points at, and their latest drift check" });
        await Assertions.Expect(models.GetByRole(AriaRole.Link, new() { Name = "loans" })).ToBeVisibleAsync();
        await Assertions.Expect(models).ToContainTextAsync("champion → version");
        await Assertions.Expect(models).ToContainTextAsync("of inputs changed (loans:2");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToHaveAttributeAsync("aria-current", "page");
        await fixture.ScreenshotAsync(page, "overview");

        // Keyboard: the first Tab reaches the skip link, which moves focus to the content.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }
}
