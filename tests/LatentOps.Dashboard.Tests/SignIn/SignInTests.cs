using Microsoft.Playwright;

namespace LatentOps.Dashboard.Tests.SignIn;

public sealed class SignInTests(DashboardFixture fixture)
{
    [Fact]
    public async Task SignIn_BadKey_ShowsClearErrorAndStaysSignedOut()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(key: null);
        await page.GotoAsync("/models");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);

        await page.GetByLabel("API key").FillAsync("lo_000000000000_not-a-real-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("That key was not accepted");
        Assert.Equal("true", await page.GetByLabel("API key").GetAttributeAsync("aria-invalid"));
        await fixture.ScreenshotAsync(page, "signin-error");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_GoodKey_ReturnsToTheRequestedPageAndSignOutForgetsTheKey()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(key: null);
        await page.GotoAsync("/signin");
        await fixture.ScreenshotAsync(page, "signin");
        await page.GotoAsync("/models");
        await page.GetByLabel("API key").FillAsync(fixture.ReadKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Models", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith("/models", page.Url, StringComparison.Ordinal);
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "latentops_key");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "latentops_key");
        await page.Context.CloseAsync();
    }
}
