using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LatentOps.Store.Keys;
using LatentOps.Store.Stores;
using LatentOps.Store.Workspaces;

namespace LatentOps.Serving.Tests.Apis;

public sealed class ModelsApiTests(RegisteredModels models) : IClassFixture<RegisteredModels>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Row = """{"funded_amnt": 16100, "term": "term_36", "int_rate": 13.99, "sub_grade": "C4", "addr_state": "CT", "verification_status": "Not_Verified", "annual_inc": 35000, "emp_length": "emp_5", "delinq_2yrs": 0, "inq_last_6mths": 0, "revol_util": 67.4, "acc_now_delinq": 0, "open_il_6m": 1, "open_il_12m": 0, "open_il_24m": 0, "total_bal_il": 1099, "all_util": 48, "inq_fi": 0, "inq_last_12m": 3, "delinq_amnt": 0, "num_il_tl": 3, "total_il_high_credit_limit": 13193}""";

    private static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Embed_AliasAndRows_ReturnsOneVectorPerRowFromTheAliasedVersion()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var response = await client.PostAsync("/v1/models/loans@champion/embed", Body($$"""{"rows": [{{Row}}, {{Row}}]}"""), Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(2, body.GetProperty("embeddings").GetArrayLength());
        Assert.Equal(8, body.GetProperty("embeddings")[0].GetArrayLength());
        // The same row twice in one batch: equal up to float rounding (BLAS blocks rows differently).
        var first = body.GetProperty("embeddings")[0].EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var second = body.GetProperty("embeddings")[1].EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.All(first.Zip(second), pair => Assert.Equal(pair.First, pair.Second, 1e-5));
    }

    [Fact]
    public async Task Predict_Version_ReturnsProbabilitiesSummingToOneAndAPredictionId()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var body = await (await client.PostAsync("/v1/models/loans:2/predict", Body($$"""{"rows": [{{Row}}]}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var prediction = body.GetProperty("predictions")[0];
        var sum = prediction.GetProperty("probabilities").EnumerateObject().Sum(p => p.Value.GetDouble());
        Assert.Equal(1.0, sum, 5);
        Assert.Contains(prediction.GetProperty("label").GetString(), new[] { "good", "bad" });
        Assert.Equal($"{body.GetProperty("requestId").GetString()}-0", prediction.GetProperty("predictionId").GetString());
        Assert.Equal(32, body.GetProperty("requestId").GetString()!.Length);
    }

    [Fact]
    public async Task Embed_MissingAndWrongFields_Returns422NamingEachField()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var response = await client.PostAsync("/v1/models/loans:1/embed", Body("""{"rows": [{"funded_amnt": "a lot", "annual_inc": 1e999}]}"""), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("rows[0].funded_amnt", out _));
    }

    [Fact]
    public async Task Embed_UnknownCategory_IsServedAndCounted()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);
        var row = Row.Replace("\"CT\"", "\"Atlantis\"", StringComparison.Ordinal);

        var body = await (await client.PostAsync("/v1/models/loans:1/embed", Body($$"""{"rows": [{{row}}]}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var metrics = await client.GetStringAsync("/metrics", Ct);

        Assert.Equal(1, body.GetProperty("unknownCategories").GetProperty("addr_state").GetInt32());
        Assert.Contains("latentops_unknown_categories_total{model=\"loans\",column=\"addr_state\"} 1", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/models/loans:9/embed", HttpStatusCode.NotFound)]
    [InlineData("/v1/models/nobody@champion/embed", HttpStatusCode.NotFound)]
    [InlineData("/v1/models/loans/embed", HttpStatusCode.UnprocessableEntity)]
    public async Task Embed_BadReference_Returns4xxProblem(string path, HttpStatusCode expected)
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var response = await client.PostAsync(path, Body($$"""{"rows": [{{Row}}]}"""), Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Embed_MalformedJson_Returns400()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var response = await client.PostAsync("/v1/models/loans:1/embed", Body("{\"rows\": [ {"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Predict_NotJson_Returns415Problem()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var response = await client.PostAsync("/v1/models/loans:1/predict", new StringContent($$"""{"rows": [{{Row}}]}""", System.Text.Encoding.UTF8, "text/plain"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"rows": {"funded_amnt": 1}}""", "got object")]
    [InlineData("""{"rows": []}""", "'rows' has 0 rows")]
    [InlineData("""{"row": []}""", "got undefined")]
    public async Task Predict_RowsNotAnArrayOrEmpty_Returns422NamingRows(string body, string expected)
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var response = await client.PostAsync("/v1/models/loans:1/predict", Body(body), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_ManyRows_OneAnswerPerRowWithContentLengthAndNoUnknownCategories()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);
        var rows = string.Join(',', Enumerable.Repeat(Row, 40));

        var response = await client.PostAsync("/v1/models/loans:1/predict", Body($$"""{"rows": [{{rows}}]}"""), Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Content.Headers.ContentLength);
        Assert.Equal(40, body.GetProperty("predictions").GetArrayLength());
        Assert.Equal($"{body.GetProperty("requestId").GetString()}-39", body.GetProperty("predictions")[39].GetProperty("predictionId").GetString());
        Assert.False(body.TryGetProperty("unknownCategories", out _));
        Assert.Equal(("loans", 1), (body.GetProperty("model").GetString(), body.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Embed_BodyOverLimit_Returns413()
    {
        await using var server = await TestServer.StartAsync(models.Folder, options => options.MaxRequestBodyBytes = 4096);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);
        var rows = string.Join(',', Enumerable.Repeat(Row, 20));

        var response = await client.PostAsync("/v1/models/loans:1/embed", Body($$"""{"rows": [{{rows}}]}"""), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Embed_ReadKey_Returns403()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Read);

        var response = await client.PostAsync("/v1/models/loans:1/embed", Body($$"""{"rows": [{{Row}}]}"""), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ListModels_ReadKey_ShowsVersionsAndAliases()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Read);

        var list = await client.GetFromJsonAsync<JsonElement>("/v1/models", Ct);

        var loans = Assert.Single(list.EnumerateArray());
        Assert.Equal(2, loans.GetProperty("latestVersion").GetInt32());
        Assert.Equal(1, loans.GetProperty("aliases").GetProperty("champion").GetInt32());
    }

    [Fact]
    public async Task HotSwap_AliasMovesUnderLoad_ZeroErrorsAndNewVersionServed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "latentops-hotswap", Guid.NewGuid().ToString("N"));
        CopyFolder(models.Folder, folder);
        await using var server = await TestServer.StartAsync(folder, options => options.AliasRefreshInterval = TimeSpan.FromMilliseconds(100));
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);
        var registry = Workspace.Open(folder).Registry("tests");
        var versions = new System.Collections.Concurrent.ConcurrentBag<int>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var swapped = false;

        async Task LoadLoopAsync()
        {
            while (!stop.IsCancellationRequested && !(swapped && versions.Contains(2) && versions.Count > 50))
            {
                var response = await client.PostAsync("/v1/models/loans@champion/embed", Body($$"""{"rows": [{{Row}}]}"""), Ct);
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add(response.StatusCode);
                    continue;
                }

                versions.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());
            }
        }

        var loops = Enumerable.Range(0, 4).Select(_ => Task.Run(LoadLoopAsync, Ct)).ToArray();
        while (versions.Count < 20 && !stop.IsCancellationRequested)
        {
            await Task.Delay(20, Ct);
        }

        await registry.SetAliasAsync("loans", "champion", 2, Ct);
        swapped = true;
        await Task.WhenAll(loops);
        await registry.RollbackAsync("loans", "champion", Ct);

        Assert.Empty(failures);
        Assert.Contains(1, versions);
        Assert.Contains(2, versions);
        Assert.Equal(1, (await registry.ResolveAsync(LatentOps.Core.References.ModelRef.Parse("loans@champion"), Ct)).Version);
    }

    private static void CopyFolder(string from, string to)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
