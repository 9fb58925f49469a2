using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LatentOps.Serving.Tests.Apis;

public sealed class HealthApiTests
{
    [Fact]
    public async Task Healthz_RunningServer_Returns200()
    {
        await using var server = await TestServer.StartAsync();

        var response = await server.Client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_StoreReachable_ReturnsReady()
    {
        await using var server = await TestServer.StartAsync();

        var body = await server.Client.GetFromJsonAsync<JsonElement>("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal("ready", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_AfterRequests_ExposesPrometheusText()
    {
        await using var server = await TestServer.StartAsync();
        using var reader = await server.ClientWithKeyAsync(LatentOps.Store.Keys.ApiKeyScope.Read);
        await server.Client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        var text = await reader.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Contains("http_requests_received_total", text, StringComparison.Ordinal);
        Assert.Contains("latentops_queue_depth", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_ListsHealthEndpoints()
    {
        await using var server = await TestServer.StartAsync();

        var text = await server.Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Contains("/healthz", text, StringComparison.Ordinal);
        Assert.Contains("/readyz", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemDetails()
    {
        await using var server = await TestServer.StartAsync();

        var response = await server.Client.GetAsync("/v1/nothing-here", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
