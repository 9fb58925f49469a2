using LatentOps.Core.References;
using LatentOps.Store.Audit;
using LatentOps.Store.Stores;
using Microsoft.Playwright;

namespace LatentOps.Dashboard.Tests.Models;

/// <summary>The Promote form of a model version page: through the workspace's gates, audited, admins only.</summary>
public sealed class PromotionTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Promote_AdminWithoutGates_MovesTheAliasAndAuditsIt()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(fixture.AdminKey);
        await page.GotoAsync("/models/loans/1");
        AcceptDialogs(page);

        await page.GetByLabel("Alias to point at version 1").FillAsync("staging");
        await page.GetByRole(AriaRole.Button, new() { Name = "Promote version 1" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("loans@staging moved from no version to version 1");
        await Assertions.Expect(page.GetByText("No promotion gates are configured")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "model-version-promoted");
        var staging = await fixture.Workspace.Registry("tests").ResolveAsync(ModelRef.Parse("loans@staging"), TestContext.Current.CancellationToken);
        Assert.Equal(1, staging.Version);
        var audit = await fixture.Workspace.Audit().ListAsync(new AuditQuery { ActionPrefix = "model.promote" }, TestContext.Current.CancellationToken);
        Assert.Contains(audit, e => e.Action == "model.promote" && e.Subject == "loans:1" && e.Details["alias"] == "staging" && e.Actor.StartsWith("key:", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Promote_GateFails_RefusesAndSaysWhichGate()
    {
        fixture.RequireBrowser();
        var config = Path.Combine(fixture.Workspace.Root, "config.json");
        await File.WriteAllTextAsync(config, """{ "registry": { "gates": [ { "metric": "accuracyScore", "min": 0.5 } ] } }""", TestContext.Current.CancellationToken);
        try
        {
            var page = await fixture.NewPageAsync(fixture.AdminKey);
            await page.GotoAsync("/models/loans/1");
            AcceptDialogs(page);
            await page.GetByLabel("Alias to point at version 1").FillAsync("canary");
            await page.GetByRole(AriaRole.Button, new() { Name = "Promote version 1" }).ClickAsync();

            // Version 1 was never evaluated, so the accuracy gate has nothing to pass with.
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("so loans@canary still points at no version");
            var gates = page.GetByRole(AriaRole.Table, new() { Name = "Promotion gates for loans version 1 to canary" });
            await Assertions.Expect(gates.GetByRole(AriaRole.Row).Filter(new() { HasText = "accuracyScore" })).ToContainTextAsync("failed");
            var model = await fixture.Workspace.Registry("tests").GetModelAsync("loans", TestContext.Current.CancellationToken);
            Assert.False(model.Model.Aliases.ContainsKey("canary"));
            await page.Context.CloseAsync();
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Promote_ReadKey_SeesNoFormAndIsRefused()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(fixture.ReadKey);
        await page.GotoAsync("/models/loans/1");
        await Assertions.Expect(page.GetByText("Promoting needs an admin key.")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Promote version 1" }).CountAsync());

        var form = page.Context.APIRequest.CreateFormData();
        form.Set("alias", "sneaky");
        var response = await page.APIRequest.PostAsync("/models/loans/1/promote", new()
        {
            Form = form,
            Headers = new Dictionary<string, string> { ["Origin"] = fixture.BaseUrl.TrimEnd('/') },
        });
        Assert.Equal(403, response.Status);
        var model = await fixture.Workspace.Registry("tests").GetModelAsync("loans", TestContext.Current.CancellationToken);
        Assert.False(model.Model.Aliases.ContainsKey("sneaky"));
        await page.Context.CloseAsync();
    }

    private static void AcceptDialogs(IPage page) =>
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
}
