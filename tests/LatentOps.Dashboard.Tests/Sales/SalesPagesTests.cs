using System.Text.Json;
using Microsoft.Playwright;

namespace LatentOps.Dashboard.Tests.Sales;

/// <summary>The sales pages in a real browser: upload, progress, segments, similar products, unusual orders, bad files.</summary>
public sealed class SalesPagesTests(DashboardFixture fixture)
{
    private static string SalesCsv => Path.Combine(AppContext.BaseDirectory, "samples", "superstore-subset.csv");

    [Fact]
    public async Task Upload_SalesCsv_ShowsProgressThenSegmentsProductsAndUnusualOrders()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(fixture.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sales", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sales insights", Level = 1 })).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "sales-upload");

        await page.GetByLabel("Sales file (CSV, up to 25 MB)").SetInputFilesAsync(SalesCsv);
        await page.GetByRole(AriaRole.Button, new() { Name = "Analyse" }).ClickAsync();

        // The progress page (it refreshes itself until the result is there).
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Analysing superstore-subset.csv", Level = 1 })).ToBeVisibleAsync();
        var id = page.Url.Split('/').Last();
        var status = await page.APIRequest.GetAsync($"/sales/jobs/{id}/status");
        Assert.Equal(200, status.Status);
        using (var json = JsonDocument.Parse(await status.TextAsync()))
        {
            Assert.Contains(json.RootElement.GetProperty("state").GetString(), new[] { "queued", "running", "done" });
        }

        if (await page.Locator("progress").CountAsync() > 0)
        {
            await fixture.ScreenshotAsync(page, "sales-progress");
        }

        // Segments, each described in plain words.
        var segments = page.GetByRole(AriaRole.Table, new() { NameRegex = new System.Text.RegularExpressions.Regex("segments, largest first$") });
        await Assertions.Expect(segments).ToBeVisibleAsync(new() { Timeout = 120_000 });
        Assert.Contains($"/sales/results/{id}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("A segment is a group of customers who buy in a similar way").First).ToBeVisibleAsync();
        Assert.True(await segments.GetByRole(AriaRole.Row).CountAsync() >= 3, "expected at least 2 segments");
        await Assertions.Expect(page.Locator("figure[aria-label^='Every customer as a dot'] svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".segment-description").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\w+.*\."));
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { NameRegex = new System.Text.RegularExpressions.Regex("most unusual order lines") }).GetByRole(AriaRole.Row)).ToHaveCountAsync(26);
        await fixture.ScreenshotAsync(page, "sales-results");

        // Pick another product: its similar products are listed with reasons.
        var picker = page.GetByLabel(new System.Text.RegularExpressions.Regex("^Pick a product"));
        var second = await picker.Locator("option").Nth(1).GetAttributeAsync("value");
        await picker.SelectOptionAsync(second!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show similar products" }).ClickAsync();
        var similar = page.GetByRole(AriaRole.Table, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Bought by customers like those who buy") });
        await Assertions.Expect(similar.GetByRole(AriaRole.Row)).ToHaveCountAsync(6);
        await Assertions.Expect(picker).ToHaveValueAsync(second!);
        await fixture.ScreenshotAsync(page, "sales-similar-products");

        // Kept in the workspace, so it survives a restart.
        Assert.True(File.Exists(Path.Combine(fixture.Folder, "insights", "sales", id, "result.json")));
        await page.GotoAsync("/sales");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Finished analyses, newest first" })).ToContainTextAsync("superstore-subset.csv");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Upload_NotASalesFile_NamesTheMissingColumns()
    {
        fixture.RequireBrowser();
        var path = Path.Combine(Path.GetTempPath(), $"people-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "name,age,city\nAnn,31,Oslo\nBob,42,Lima\n", TestContext.Current.CancellationToken);
        try
        {
            var page = await fixture.NewPageAsync(fixture.AdminKey);
            await page.GotoAsync("/sales");
            await page.GetByLabel("Sales file (CSV, up to 25 MB)").SetInputFilesAsync(path);
            await page.GetByRole(AriaRole.Button, new() { Name = "Analyse" }).ClickAsync();

            var error = page.GetByRole(AriaRole.Alert);
            await Assertions.Expect(error).ToContainTextAsync("does not look like a sales export");
            await Assertions.Expect(error).ToContainTextAsync("no column for order ID, customer ID, product ID, sales amount");
            await Assertions.Expect(error).ToContainTextAsync("'Order ID'");
            await Assertions.Expect(error).ToContainTextAsync("'name', 'age', 'city'");
            await Assertions.Expect(page.GetByLabel("Sales file (CSV, up to 25 MB)")).ToHaveAttributeAsync("aria-invalid", "true");
            await fixture.ScreenshotAsync(page, "sales-upload-error");
            await page.Context.CloseAsync();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Sales_ReadKey_CanViewButNotUpload()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(fixture.ReadKey);
        await page.GotoAsync("/sales");

        await Assertions.Expect(page.GetByText("Uploading a file needs an admin key")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Sales file (CSV, up to 25 MB)")).ToHaveCountAsync(0);
        var response = await page.APIRequest.PostAsync("/sales/upload", new()
        {
            Multipart = page.APIRequest.CreateFormData(),
            Headers = new Dictionary<string, string> { ["Origin"] = fixture.BaseUrl.TrimEnd('/') },
        });
        Assert.Equal(403, response.Status);
        await page.Context.CloseAsync();
    }
}
