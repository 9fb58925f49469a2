using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LatentOps.Serving.Inference;
using LatentOps.Serving.Tests.Apis;
using LatentOps.Store.Keys;
using LatentOps.Store.Stores;
using LatentOps.Store.Workspaces;

namespace LatentOps.Serving.Tests.Models;

public sealed class ModelHostTests(RegisteredModels models) : IClassFixture<RegisteredModels>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Row = """{"funded_amnt": 16100, "term": "term_36", "int_rate": 13.99, "sub_grade": "C4", "addr_state": "CT", "annual_inc": 35000}""";

    private static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Promote_RequestStartedBefore_CompletesOnOldVersionThenOldVersionUnloads()
    {
        var folder = CopyOf(models.Folder);
        // A long batch delay holds the first request in flight while the alias moves.
        await using var server = await TestServer.StartAsync(folder, options =>
        {
            options.AliasRefreshInterval = TimeSpan.FromMilliseconds(50);
            options.Batching.MaxDelay = TimeSpan.FromMilliseconds(1000);
        });
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Admin);
        var registry = Workspace.Open(folder).Registry("tests");
        // Load version 1 first, so the request below only waits for its batch.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/models/loans@champion/embed", Body($$"""{"rows": [{{Row}}]}"""), Ct)).StatusCode);

        var started = client.PostAsync("/v1/models/loans@champion/embed", Body($$"""{"rows": [{{Row}}]}"""), Ct);
        await Task.Delay(400, Ct);
        await registry.SetAliasAsync("loans", "champion", 2, Ct);
        await Task.Delay(100, Ct);
        var after = await client.PostAsync("/v1/models/loans@champion/embed", Body($$"""{"rows": [{{Row}}]}"""), Ct);
        var before = await started;

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(1, (await before.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());
        Assert.Equal(2, (await after.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());
        var metrics = await WaitForAsync(client, "latentops_model_version_loaded{model=\"loans\",version=\"1\"} 0");
        Assert.Contains("latentops_model_version_loaded{model=\"loans\",version=\"2\"} 1", metrics);

        // Version 1 by number after it was retired: loaded again and served.
        var pinned = await client.PostAsync("/v1/models/loans:1/embed", Body($$"""{"rows": [{{Row}}]}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
    }

    [Theory]
    [InlineData(ServingRuntime.Int8)]
    [InlineData(ServingRuntime.Onnx)]
    [InlineData(ServingRuntime.Simd)]
    public async Task Predict_OtherRuntime_ServesCloseToTheTorchSharpAnswer(ServingRuntime runtime)
    {
        await using var reference = await TestServer.StartAsync(models.Folder);
        await using var server = await TestServer.StartAsync(models.Folder, options => options.ModelRuntimes["loans"] = runtime);
        using var referenceClient = await reference.ClientWithKeyAsync(ApiKeyScope.Predict);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var expected = await ProbabilitiesAsync(referenceClient);
        var actual = await ProbabilitiesAsync(client);

        Assert.Equal(expected.Length, actual.Length);
        var tolerance = runtime == ServingRuntime.Int8 ? 0.02 : 1e-5;
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, tolerance));
    }

    private static async Task<double[]> ProbabilitiesAsync(HttpClient client)
    {
        var response = await client.PostAsync("/v1/models/loans:2/predict", Body($$"""{"rows": [{{Row}}, {{Row.Replace("16100", "3000", StringComparison.Ordinal)}}]}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return [.. body.GetProperty("predictions").EnumerateArray().SelectMany(p => p.GetProperty("probabilities").EnumerateObject().OrderBy(o => o.Name).Select(o => o.Value.GetDouble()))];
    }

    private static async Task<string> WaitForAsync(HttpClient client, string line)
    {
        var text = string.Empty;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            text = await client.GetStringAsync("/metrics", Ct);
            if (text.Contains(line, StringComparison.Ordinal))
            {
                return text;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail($"/metrics never showed '{line}':\n{text}");
        return text;
    }

    private static string CopyOf(string from)
    {
        var to = Path.Combine(Path.GetTempPath(), "latentops-hotswap", Guid.NewGuid().ToString("N"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return to;
    }
}
