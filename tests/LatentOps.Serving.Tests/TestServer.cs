using LatentOps.Store.Keys;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LatentOps.Serving.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 with a random port over a fresh workspace.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(WebApplication app, string folder, HttpClient client, bool ownsFolder)
    {
        _ownsFolder = ownsFolder;
        App = app;
        Folder = folder;
        Client = client;
    }

    private readonly bool _ownsFolder;

    public WebApplication App { get; }

    public string Folder { get; }

    public HttpClient Client { get; }

    /// <summary>Creates a key in the server's workspace and returns a client that sends it.</summary>
    public async Task<HttpClient> ClientWithKeyAsync(ApiKeyScope scope)
    {
        var key = await App.Services.GetRequiredService<ApiKeyStore>().CreateAsync(scope, $"test-{scope}", "tests", TestContext.Current.CancellationToken);
        var client = new HttpClient { BaseAddress = Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Token);
        return client;
    }

    /// <summary>Starts a server over a new workspace, deleted when the server is disposed.</summary>
    public static Task<TestServer> StartAsync(Action<ServerOptions>? configure = null) =>
        StartAsync(Path.Combine(Path.GetTempPath(), "latentops-serving-tests", Guid.NewGuid().ToString("N")), configure, ownsFolder: true);

    /// <summary>Starts a server over an existing workspace folder, which it leaves in place.</summary>
    public static Task<TestServer> StartAsync(string folder, Action<ServerOptions>? configure = null) =>
        StartAsync(folder, configure, ownsFolder: false);

    private static async Task<TestServer> StartAsync(string folder, Action<ServerOptions>? configure, bool ownsFolder)
    {
        var options = new ServerOptions { Urls = "http://127.0.0.1:0" };
        configure?.Invoke(options);
        var app = LatentOpsServer.Build(options, Workspace.Open(folder), logging => logging.ClearProviders());
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, folder, new HttpClient { BaseAddress = new Uri(address) }, ownsFolder);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
