using System.Net;
using LatentOps.Serving;
using LatentOps.Store.Keys;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LatentOps.Dashboard.Tests.Auth;

/// <summary>The access rules over plain HTTP (no browser needed): a real server over an empty workspace.</summary>
public sealed class DashboardAccessTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "latentops-dashboard-access", Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;
    private Uri _base = null!;
    private string _read = string.Empty;
    private string _admin = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var workspace = Workspace.Open(_folder);
        var keys = new ApiKeyStore(workspace.Database);
        _read = (await keys.CreateAsync(ApiKeyScope.Read, "reader", "tests")).Token;
        _admin = (await keys.CreateAsync(ApiKeyScope.Admin, "admin", "tests")).Token;
        _app = LatentOpsServer.Build(new ServerOptions { Urls = "http://127.0.0.1:0" }, workspace, logging => logging.ClearProviders());
        _app.MapDashboard();
        await _app.StartAsync();
        _base = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Page_NoKey_RedirectsToSignInWithTheWayBack()
    {
        using var client = Client(cookie: null);
        using var response = await client.GetAsync("/models?x=1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fmodels%3Fx%3D1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_GoodKey_SetsHttpOnlyStrictCookieAndRedirectsOnlyToLocalAddresses()
    {
        using var client = Client(cookie: null);
        using var response = await PostAsync(client, "/signin", new() { ["key"] = _read, ["returnUrl"] = "//evil.example/x" }, origin: _base);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("latentops_key=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_BadKey_Answers401WithTheReason()
    {
        using var client = Client(cookie: null);
        using var response = await PostAsync(client, "/signin", new() { ["key"] = "lo_abc_def" }, origin: _base);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("That key was not accepted", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Post_ReadKey_Answers403()
    {
        using var client = Client(_read);
        using var response = await PostAsync(client, "/monitoring/loans/rollback", new() { ["alias"] = "champion" }, origin: _base);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Admin key needed", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AdminKeyFromAnotherSite_Answers403()
    {
        using var client = Client(_admin);
        using var response = await PostAsync(client, "/monitoring/loans/rollback", new() { ["alias"] = "champion" }, origin: new Uri("http://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not sent from a page of this dashboard", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AdminKeyUnknownModel_ShowsNotFoundPage()
    {
        using var client = Client(_admin);
        using var response = await PostAsync(client, "/monitoring/nosuchmodel/rollback", new() { ["alias"] = "champion" }, origin: _base);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Api_CookieKey_AuthenticatesAndApiWithoutKeyStill401()
    {
        using (var anonymous = Client(cookie: null))
        using (var response = await anonymous.GetAsync("/v1/whoami", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var client = Client(_read);
        using var whoami = await client.GetAsync("/v1/whoami", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        Assert.Contains("\"scope\":\"read\"", await whoami.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_EmptyWorkspace_RenderWithSecurityHeadersAndAssets()
    {
        using var client = Client(_read);
        foreach (var path in new[] { "/", "/datasets", "/models", "/monitoring" })
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1>"));
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        using var css = await Client(cookie: null).GetAsync("/dashboard/assets/dashboard.css", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task SalesUpload_FileAboveTheApiBodyLimit_ReachesThePageAndGetsItsExplanation()
    {
        // 6 MB: above the server's 4 MiB API body limit, below the 25 MB sales upload limit.
        var csv = "a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", 1_500_000));
        using var client = Client(_admin);
        using var form = new MultipartFormDataContent { { new StringContent(csv), "file", "big.csv" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sales/upload") { Content = form };
        request.Headers.Add("Origin", _base.GetLeftPart(UriPartial.Authority));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains("does not look like a sales export", page, StringComparison.OrdinalIgnoreCase);
    }

    private HttpClient Client(string? cookie)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        var client = new HttpClient(handler) { BaseAddress = _base };
        if (cookie is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $"latentops_key={cookie}");
        }

        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> form, Uri origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Origin", origin.GetLeftPart(UriPartial.Authority));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
