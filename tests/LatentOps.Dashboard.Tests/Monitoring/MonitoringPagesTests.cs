using LatentOps.Core.References;
using LatentOps.Store.Audit;
using LatentOps.Store.Stores;
using Microsoft.Playwright;

namespace LatentOps.Dashboard.Tests.Monitoring;

/// <summary>One class (so its tests run one after the other): the rollback changes the champion alias.</summary>
public sealed class MonitoringPagesTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Monitoring_Model_ShowsDriftAndEstimatedPerformanceTimelinesAndDecisions()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(fixture.ReadKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Monitoring" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Recent decisions, newest first" })).ToContainTextAsync("retrain");
        await fixture.ScreenshotAsync(page, "monitoring");
        await page.GetByRole(AriaRole.Link, new() { Name = "loans", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Monitoring of loans", Level = 1 })).ToBeVisibleAsync();
        var drift = page.Locator("figure[aria-label^='Drift of loans over 3 checks']");
        await Assertions.Expect(drift.Locator("svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("figure[aria-label^='Estimated performance of loans over 3 checks']")).ToBeVisibleAsync();
        var checks = page.GetByRole(AriaRole.Table, new() { Name = "Monitoring checks of loans, newest first" });
        await Assertions.Expect(checks.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Recent decisions about loans, newest first" })).ToContainTextAsync("estimated accuracy fell below the policy floor");
        var champion = page.GetByRole(AriaRole.Table, new() { Name = "Aliases of loans" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "champion" });
        await Assertions.Expect(champion.GetByText("Rolling back needs an admin key.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Roll back") })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Rollback_ReadKey_IsRefusedWith403AndTheAliasStays()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(fixture.ReadKey);
        var before = await fixture.Workspace.Registry("tests").ResolveAsync(ModelRef.Parse("loans@champion"), TestContext.Current.CancellationToken);

        // The button is not offered; posting the form anyway (same origin, read key's cookie) is refused.
        var response = await page.APIRequest.PostAsync("/monitoring/loans/rollback", new()
        {
            Form = FormWith(page, "champion"),
            Headers = new Dictionary<string, string> { ["Origin"] = fixture.BaseUrl.TrimEnd('/') },
        });
        Assert.Equal(403, response.Status);
        Assert.Contains("Admin key needed", await response.TextAsync(), StringComparison.Ordinal);
        var after = await fixture.Workspace.Registry("tests").ResolveAsync(ModelRef.Parse("loans@champion"), TestContext.Current.CancellationToken);
        Assert.Equal(before.Version, after.Version);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Rollback_AdminPressesTheButton_MovesTheAliasBackAndAuditsIt()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(fixture.AdminKey);
        await page.GotoAsync("/monitoring/loans");
        var aliases = page.GetByRole(AriaRole.Table, new() { Name = "Aliases of loans" });
        await Assertions.Expect(aliases.GetByRole(AriaRole.Row).Filter(new() { HasText = "champion" })).ToContainTextAsync("version 2");
        string? question = null;
        page.Dialog += async (_, dialog) =>
        {
            question = dialog.Message;
            await dialog.AcceptAsync();
        };

        await page.GetByRole(AriaRole.Button, new() { Name = "Roll back champion to version 1" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("loans@champion moved from version 2 to version 1");
        Assert.Equal("Move loans@champion from version 2 back to version 1?", question);
        await Assertions.Expect(aliases.GetByRole(AriaRole.Row).Filter(new() { HasText = "champion" })).ToContainTextAsync("version 1");
        // Other tests move other aliases of the shared model (Promote): look at champion's latest move.
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Alias moves of loans, newest first" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "champion" }).First).ToContainTextAsync("rollback");
        await fixture.ScreenshotAsync(page, "monitoring-model-after-rollback");

        var champion = await fixture.Workspace.Registry("tests").ResolveAsync(ModelRef.Parse("loans@champion"), TestContext.Current.CancellationToken);
        Assert.Equal(1, champion.Version);
        var audit = await fixture.Workspace.Audit().ListAsync(new AuditQuery { ActionPrefix = "model.rollback" }, TestContext.Current.CancellationToken);
        Assert.StartsWith("key:", Assert.Single(audit).Actor, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private static IFormData FormWith(IPage page, string alias)
    {
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("alias", alias);
        return form;
    }
}
