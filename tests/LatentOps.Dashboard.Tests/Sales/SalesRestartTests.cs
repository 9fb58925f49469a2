using System.Net.Http.Headers;
using System.Text.Json;
using LatentOps.Dashboard.Sales;
using LatentOps.Serving;
using LatentOps.Store.Keys;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LatentOps.Dashboard.Tests.Sales;

/// <summary>
/// Analyses the server stopped during run again when it starts (a real server over a workspace left as
/// a stopped server leaves it: uploads queued, no result); failed ones stay failed and say why.
/// </summary>
public sealed class SalesRestartTests : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "latentops-dashboard-restart", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    private static string SalesCsv => Path.Combine(AppContext.BaseDirectory, "samples", "superstore-subset.csv");

    [Fact]
    public async Task Start_InterruptedAnalyses_RunAgainAndFailuresStayExplained()
    {
        var workspace = Workspace.Open(_folder);
        var admin = (await new ApiKeyStore(workspace.Database).CreateAsync(ApiKeyScope.Admin, "admin", "tests", cancellationToken: TestContext.Current.CancellationToken)).Token;
        var store = new SalesResultStore(workspace.Root);
        var interrupted = await QueueAsync(store, "superstore-subset.csv", File.ReadAllBytes(SalesCsv));
        var notSales = await QueueAsync(store, "people.csv", "name,age\nAda,36\nAlan,41\n"u8.ToArray());
        var failed = await QueueAsync(store, "earlier.csv", File.ReadAllBytes(SalesCsv));
        store.MarkFailed(failed, "An earlier failure.");

        _app = LatentOpsServer.Build(new ServerOptions { Urls = "http://127.0.0.1:0" }, workspace, logging => logging.ClearProviders());
        _app.MapDashboard();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin);

        var (state, _) = await WaitForOutcomeAsync(http, interrupted);
        Assert.Equal("done", state);
        Assert.True(File.Exists(Path.Combine(store.Folder(interrupted), "result.json")));
        Assert.Contains("Customer segments", await http.GetStringAsync(new Uri($"/sales/results/{interrupted}", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var (notSalesState, notSalesError) = await WaitForOutcomeAsync(http, notSales);
        Assert.Equal("failed", notSalesState);
        Assert.Contains("people.csv", notSalesError, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(store.Folder(notSales), "failed.txt")), "a failure is recorded so the next start does not try again");

        var (failedState, failedError) = await WaitForOutcomeAsync(http, failed);
        Assert.Equal("failed", failedState);
        Assert.Equal("An earlier failure.", failedError);
        Assert.False(File.Exists(Path.Combine(store.Folder(failed), "result.json")), "a failed analysis is not run again");
        Assert.Contains("An earlier failure.", await http.GetStringAsync(new Uri($"/sales/jobs/{failed}", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(store.Interrupted());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // What an upload leaves before its analysis finishes: the file and the queued marker.
    private static async Task<string> QueueAsync(SalesResultStore store, string fileName, byte[] content)
    {
        var id = SalesResultStore.NewId();
        using var stream = new MemoryStream(content);
        await store.SaveUploadAsync(id, fileName, stream, TestContext.Current.CancellationToken);
        store.MarkQueued(id, fileName);
        return id;
    }

    private static async Task<(string State, string? Error)> WaitForOutcomeAsync(HttpClient http, string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/sales/jobs/{id}/status", UriKind.Relative), TestContext.Current.CancellationToken));
            var state = json.RootElement.GetProperty("state").GetString()!;
            if (state is "done" or "failed" || DateTime.UtcNow > deadline)
            {
                return (state, json.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null);
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
