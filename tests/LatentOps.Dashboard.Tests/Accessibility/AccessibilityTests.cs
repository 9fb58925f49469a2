using Deque.AxeCore.Playwright;

namespace LatentOps.Dashboard.Tests.Accessibility;

/// <summary>Every page checked with axe-core (the engine browsers' accessibility tools use), in the real browser.</summary>
public sealed class AccessibilityTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Pages_Axe_HaveNoSeriousOrCriticalViolation()
    {
        fixture.RequireBrowser();
        var signIn = await fixture.NewPageAsync(key: null);
        await signIn.GotoAsync("/signin");
        var problems = await ViolationsAsync(signIn, "/signin");
        await signIn.Context.CloseAsync();

        var page = await fixture.NewPageAsync(fixture.ReadKey);
        foreach (var path in new[] { "/", "/datasets", "/datasets/loans", "/datasets/loans/datasheet", "/models", "/models/loans", "/models/loans/2", "/models/loans/2/card", "/monitoring", "/monitoring/loans" })
        {
            await page.GotoAsync(path);
            problems.AddRange(await ViolationsAsync(page, path));
        }

        await page.Context.CloseAsync();
        Assert.True(problems.Count == 0, "axe found:\n" + string.Join('\n', problems));
    }

    private static async Task<List<string>> ViolationsAsync(Microsoft.Playwright.IPage page, string path)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes); // axe really ran its rules on the page
        foreach (var minor in result.Violations.Where(v => v.Impact is not ("serious" or "critical")))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{path}: {minor.Id} ({minor.Impact}) {minor.Help}");
        }

        return [.. result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")];
    }
}
