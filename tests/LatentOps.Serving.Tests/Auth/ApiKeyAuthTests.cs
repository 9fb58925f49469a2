using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Store.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace LatentOps.Serving.Tests.Auth;

public sealed class ApiKeyAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProtectedEndpoint_NoKey_Returns401WithBearerChallenge()
    {
        await using var server = await TestServer.StartAsync();

        var response = await server.Client.GetAsync("/v1/whoami", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProtectedEndpoint_WrongSecret_Returns401()
    {
        await using var server = await TestServer.StartAsync();
        var key = await server.App.Services.GetRequiredService<ApiKeyStore>().CreateAsync(ApiKeyScope.Admin, null, "tests", Ct);
        using var client = new HttpClient { BaseAddress = server.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Token[..^4] + "AAAA");

        var response = await client.GetAsync("/v1/whoami", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ProtectedEndpoint_ScopeTooLow_Returns403()
    {
        await using var server = await TestServer.StartAsync();
        using var reader = await server.ClientWithKeyAsync(ApiKeyScope.Read);

        var response = await reader.GetAsync("/v1/keys", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ProtectedEndpoint_HigherScope_IsAllowed()
    {
        await using var server = await TestServer.StartAsync();
        using var admin = await server.ClientWithKeyAsync(ApiKeyScope.Admin);

        var whoami = await admin.GetFromJsonAsync<JsonElement>("/v1/whoami", Ct);
        var keys = await admin.GetFromJsonAsync<JsonElement>("/v1/keys", Ct);

        Assert.Equal("admin", whoami.GetProperty("scope").GetString());
        Assert.Equal(1, keys.GetArrayLength());
        Assert.DoesNotContain("secret", keys.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ProtectedEndpoint_RevokedKey_Returns401()
    {
        await using var server = await TestServer.StartAsync();
        var store = server.App.Services.GetRequiredService<ApiKeyStore>();
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Read);
        var id = (await store.ListAsync(Ct))[0].Id;

        await store.RevokeAsync(id, "tests", Ct);
        var response = await client.GetAsync("/v1/whoami", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RateLimit_BurstBeyondLimit_Returns429WithRetryAfter()
    {
        await using var server = await TestServer.StartAsync(options => options.RateLimitPerKey = 5);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Read);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 30 && limited is null; i++)
        {
            var response = await client.GetAsync("/v1/whoami", Ct);
            statuses.Add(response.StatusCode);
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task NoAuth_OnLoopback_OpensEndpoints()
    {
        await using var server = await TestServer.StartAsync(options => options.RequireAuth = false);

        var response = await server.Client.GetAsync("/v1/keys", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://10.1.2.3:8080")]
    [InlineData("http://127.0.0.1:8080;http://0.0.0.0:8081")]
    public void Validate_NoAuthOffLoopback_IsRefused(string urls)
    {
        var options = new ServerOptions { Urls = urls, RequireAuth = false };

        var error = Assert.Throws<LatentOpsException>(options.Validate);

        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }
}
