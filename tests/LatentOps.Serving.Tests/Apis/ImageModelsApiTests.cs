using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LatentOps.Core.Tables;
using LatentOps.Serving.Inference;
using LatentOps.Store.Keys;
using LatentOps.Store.Requests;
using LatentOps.Store.Stores;
using LatentOps.Store.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LatentOps.Serving.Tests.Apis;

/// <summary>Image models on the real server: embed, predict, similar, bad images, runtimes, hot swap, request log, metrics.</summary>
public sealed class ImageModelsApiTests(RegisteredImageModels models) : IClassFixture<RegisteredImageModels>
{
    /// <summary>Server answers against the package loaded directly (other batch compositions: float rounding only).</summary>
    private const double Tolerance = 1e-5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private string Compact(int row) => $$"""{"pixels": [{{string.Join(',', models.Pixels(row))}}]}""";

    private string Nested(int row) => $$"""{"pixels": [{{string.Join(',', models.Pixels(row).Chunk(28).Select(r => $"[{string.Join(',', r)}]"))}}]}""";

    private string Columns(int row, int skip = -1) =>
        "{" + string.Join(',', models.Pixels(row).Select((v, p) => (v, p)).Where(x => x.p != skip).Select(x => string.Create(CultureInfo.InvariantCulture, $"\"pixel_{x.p}\": {x.v}"))) + ", \"id\": \"x\"}";

    private static double[][] Vectors(JsonElement array) =>
        [.. array.EnumerateArray().Select(v => v.EnumerateArray().Select(x => x.GetDouble()).ToArray())];

    private static void AssertClose(ReadOnlySpan<float> expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], Tolerance);
        }
    }

    [Fact]
    public async Task Embed_CompactNestedAndColumnForms_GiveTheModelsEmbeddingOfTheSameImage()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);
        using var reference = models.Load("fashion", 1);
        var expected = reference.Embed(models.Images.Take([7, 8]));

        var response = await client.PostAsync("/v1/models/fashion@champion/embed", Body($$"""{"rows": [{{Compact(7)}}, {{Nested(7)}}, {{Columns(7)}}, {{Compact(8)}}]}"""), Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("fashion", 1, 8), (body.GetProperty("model").GetString(), body.GetProperty("version").GetInt32(), body.GetProperty("dimension").GetInt32()));
        var vectors = Vectors(body.GetProperty("embeddings"));
        Assert.Equal(4, vectors.Length);
        AssertClose(expected.Row(0), vectors[0]);
        AssertClose(expected.Row(0), vectors[1]);
        AssertClose(expected.Row(0), vectors[2]);
        AssertClose(expected.Row(1), vectors[3]);
    }

    [Fact]
    public async Task Predict_SupervisedImageModel_ProbabilitiesByClassLabelAsTheModelGives()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);
        using var reference = models.Load("fashion", 2);
        var expected = reference.PredictProbabilities(models.Images.Take([3]));

        var body = await (await client.PostAsync("/v1/models/fashion:2/predict", Body($$"""{"rows": [{{Compact(3)}}]}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var prediction = body.GetProperty("predictions")[0];
        var probabilities = prediction.GetProperty("probabilities");
        Assert.Equal(reference.Classes!.Count, probabilities.EnumerateObject().Count());
        for (var c = 0; c < reference.Classes.Count; c++)
        {
            Assert.Equal(expected[c], probabilities.GetProperty(reference.Classes[c]).GetDouble(), Tolerance);
        }

        Assert.Equal(reference.Classes[Array.IndexOf(expected, expected.Max())], prediction.GetProperty("label").GetString());
        Assert.Equal($"{body.GetProperty("requestId").GetString()}-0", prediction.GetProperty("predictionId").GetString());
    }

    [Fact]
    public async Task Predict_SimClrImageModel_Returns409SayingThereIsNoHead()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var response = await client.PostAsync("/v1/models/fashion-ssl:1/predict", Body($$"""{"rows": [{{Compact(3)}}]}"""), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no classification head", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/models/fashion-ssl:1/embed", Body($$"""{"rows": [{{Compact(3)}}]}"""), Ct)).StatusCode);
    }

    [Fact]
    public async Task Similar_ImageRowsAndEntityId_FindTheMaterialisedImages()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var byRows = await (await client.PostAsync("/v1/models/fashion:1/similar", Body($$"""{"rows": [{{Compact(12)}}], "k": 3}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var byId = await (await client.PostAsync("/v1/models/fashion:1/similar", Body("""{"id": "12", "k": 3}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        // Image 12 is materialised: asked by its pixels, it is its own nearest neighbour.
        var neighbours = byRows.GetProperty("results")[0].GetProperty("neighbours");
        Assert.Equal(3, neighbours.GetArrayLength());
        Assert.Equal("12", neighbours[0].GetProperty("entityId").GetString());
        Assert.Equal(3, byId.GetProperty("results")[0].GetProperty("neighbours").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"pixels": [1, 2, 3]}""", "rows[0].pixels", "has 3 values; allowed: exactly 784 numbers (one 28x28 grey image, row-major) or 28 arrays of 28")]
    [InlineData("""{"pixels": "AAAA"}""", "rows[0].pixels", "must be an array of 784 numbers")]
    [InlineData("""{"pixels": [[1, 2], [3, 4]]}""", "rows[0].pixels", "has 2 rows; allowed: exactly 784 numbers")]
    [InlineData("""{"id": 4}""", "rows[0]", "has no image: give 'pixels'")]
    [InlineData("""{"pixels": [], "pixel_0": 3}""", "rows[0]", "not both")]
    [InlineData("3", "rows[0]", "must be an object")]
    public async Task Embed_BadImageRow_Returns422NamingTheFieldAndWhatIsAllowed(string row, string field, string expected)
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var response = await client.PostAsync("/v1/models/fashion:1/embed", Body($$"""{"rows": [{{row}}]}"""), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_NonNumbersFractionsAndMissingPixels_Returns422NamingEachPixel()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);
        var pixels = models.Pixels(0).Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
        pixels[5] = "\"dark\"";
        pixels[6] = "12.5";
        pixels[7] = "null";
        pixels[8] = "1e999";

        var response = await client.PostAsync("/v1/models/fashion:1/embed", Body($$"""{"rows": [{"pixels": [{{string.Join(',', pixels)}}]}, {{Columns(1, skip: 783)}}]}"""), Ct);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("must be a finite number; got the string 'dark'", errors.GetProperty("rows[0].pixels[5]")[0].GetString());
        Assert.Equal("must be a whole number; got the number 12.5", errors.GetProperty("rows[0].pixels[6]")[0].GetString());
        Assert.Equal("must be a finite number; got a JSON null", errors.GetProperty("rows[0].pixels[7]")[0].GetString());
        Assert.Equal("must be a finite number; got the number 1e999", errors.GetProperty("rows[0].pixels[8]")[0].GetString());
        Assert.Equal("is required and may not be null", errors.GetProperty("rows[1].pixel_783")[0].GetString());
    }

    [Fact]
    public async Task Embed_NaNLiteralTooManyRowsAndTooLargeBody_Return400And422And413()
    {
        await using var server = await TestServer.StartAsync(models.Folder, options =>
        {
            options.MaxRowsPerRequest = 2;
            options.MaxRequestBodyBytes = 16 * 1024;
        });
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var nan = await client.PostAsync("/v1/models/fashion:1/embed", Body("""{"rows": [{"pixels": [NaN]}]}"""), Ct);
        var three = await client.PostAsync("/v1/models/fashion:1/embed", Body($$"""{"rows": [{{Compact(0)}}, {{Compact(1)}}, {{Compact(2)}}]}"""), Ct);
        var large = await client.PostAsync("/v1/models/fashion:1/embed", Body($$"""{"rows": [{{Columns(0)}}, {{Columns(1)}}, {{Columns(2)}}, {{Columns(3)}}]}"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, nan.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, three.StatusCode);
        Assert.Contains("'rows' has 3 rows; allowed: 1 to 2 per request.", (await three.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    [Fact]
    public async Task Embed_OnnxRuntime_MatchesTheTorchSharpReference()
    {
        await using var onnx = await TestServer.StartAsync(models.Folder, options => options.Runtime = ServingRuntime.Onnx);
        using var client = await onnx.ClientWithKeyAsync(ApiKeyScope.Predict);
        using var reference = models.Load("fashion", 1);
        var rows = Enumerable.Range(20, 16).ToArray();
        var expectedEmbeddings = reference.Embed(models.Images.Take(rows));
        var expectedProbabilities = reference.PredictProbabilities(models.Images.Take(rows));
        var body = $$"""{"rows": [{{string.Join(',', rows.Select(Compact))}}]}""";

        var embedded = await (await client.PostAsync("/v1/models/fashion:1/embed", Body(body), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var predicted = await (await client.PostAsync("/v1/models/fashion:1/predict", Body(body), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var served = await onnx.App.Services.GetRequiredService<LatentOps.Serving.Models.ModelHost>().GetAsync(new Core.References.ModelRef("fashion", 1, null), Ct);

        Assert.Equal(ServingRuntime.Onnx, served.Runtime);
        var vectors = Vectors(embedded.GetProperty("embeddings"));
        for (var i = 0; i < rows.Length; i++)
        {
            AssertClose(expectedEmbeddings.Row(i), vectors[i]);
            var probabilities = predicted.GetProperty("predictions")[i].GetProperty("probabilities");
            for (var c = 0; c < reference.Classes!.Count; c++)
            {
                Assert.Equal(expectedProbabilities[(i * reference.Classes.Count) + c], probabilities.GetProperty(reference.Classes[c]).GetDouble(), Tolerance);
            }
        }
    }

    [Theory]
    [InlineData(ServingRuntime.Int8)]
    [InlineData(ServingRuntime.Simd)]
    public async Task Embed_TabularOnlyRuntime_ServesTheImageModelOnFp32AndLogsAWarning(ServingRuntime runtime)
    {
        var logs = new ListLoggerProvider();
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Runtime = runtime };
        await using var app = LatentOpsServer.Build(options, Workspace.Open(models.Folder), logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(logs);
        });
        await app.StartAsync(Ct);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        var key = await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync(ApiKeyScope.Predict, "test", "tests", Ct);
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Token);
        using var reference = models.Load("fashion", 1);

        var response = await client.PostAsync("/v1/models/fashion:1/embed", Body($$"""{"rows": [{{Compact(4)}}]}"""), Ct);
        var served = await app.Services.GetRequiredService<LatentOps.Serving.Models.ModelHost>().GetAsync(new Core.References.ModelRef("fashion", 1, null), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var vector = Vectors((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("embeddings"))[0];
        AssertClose(reference.Embed(models.Images.Take([4])).Row(0), vector);
        Assert.Equal(ServingRuntime.Fp32, served.Runtime);
        var warning = Assert.Single(logs.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains("image model", StringComparison.Ordinal));
        Assert.Contains($"fashion:1 is an image model; the {runtime.ToString().ToLowerInvariant()} runtime runs tabular models only, so this version is served on fp32", warning.Text, StringComparison.Ordinal);
        await app.StopAsync(Ct);
    }

    [Fact]
    public async Task HotSwap_ImageAliasMovesUnderLoad_ZeroErrorsAndNewVersionServed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "latentops-image-hotswap", Guid.NewGuid().ToString("N"));
        CopyFolder(models.Folder, folder);
        await using var server = await TestServer.StartAsync(folder, options => options.AliasRefreshInterval = TimeSpan.FromMilliseconds(100));
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);
        var registry = Workspace.Open(folder).Registry("tests");
        var versions = new System.Collections.Concurrent.ConcurrentBag<int>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var swapped = false;
        var body = $$"""{"rows": [{{Compact(9)}}]}""";

        async Task LoadLoopAsync()
        {
            while (!stop.IsCancellationRequested && !(swapped && versions.Contains(2) && versions.Count > 40))
            {
                var response = await client.PostAsync("/v1/models/fashion@champion/predict", Body(body), Ct);
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

        await registry.SetAliasAsync("fashion", "champion", 2, Ct);
        swapped = true;
        await Task.WhenAll(loops);

        Assert.Empty(failures);
        Assert.Contains(1, versions);
        Assert.Contains(2, versions);
    }

    [Fact]
    public async Task Predict_ConcurrentImageRequests_AreBatchedLoggedWithPixelColumnsAndCounted()
    {
        await using var server = await TestServer.StartAsync(models.Folder, options => options.Batching.MaxDelay = TimeSpan.FromMilliseconds(50));
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Admin);

        var responses = await Task.WhenAll(Enumerable.Range(30, 8).Select(i => client.PostAsync("/v1/models/fashion:2/predict", Body($$"""{"rows": [{{Compact(i)}}]}"""), Ct)));
        var requestId = (await responses[0].Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("requestId").GetString()!;
        var logged = await WaitForLogAsync(Workspace.Open(models.Folder), requestId);
        var metrics = await client.GetStringAsync("/metrics", Ct);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var entry = Assert.Single(logged);
        Assert.Equal(("fashion", 2, "predict", 1), (entry.Model, entry.Version, entry.Endpoint, entry.RowCount));
        Assert.Contains($"\"pixel_0\":{models.Pixels(30)[0]}", entry.Inputs, StringComparison.Ordinal);
        Assert.Contains("\"pixel_783\":", entry.Inputs, StringComparison.Ordinal);
        Assert.Contains("latentops_batch_size_rows_sum{model=\"fashion\"} 8", metrics, StringComparison.Ordinal);
        Assert.Contains("latentops_model_version_loaded{model=\"fashion\",version=\"2\"} 1", metrics, StringComparison.Ordinal);
        var batches = double.Parse(metrics.Split('\n').Single(l => l.StartsWith("latentops_batch_size_rows_count{model=\"fashion\"}", StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);
        Assert.True(batches < 8, $"8 concurrent requests ran in {batches} batches");
    }

    private static async Task<IReadOnlyList<LoggedRequest>> WaitForLogAsync(Workspace workspace, string requestId)
    {
        for (var i = 0; i < 200; i++)
        {
            var found = await workspace.Requests().FindAsync([requestId], Ct);
            if (found.Count > 0)
            {
                return found;
            }

            await Task.Delay(25, Ct);
        }

        return [];
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

    /// <summary>Collects log messages.</summary>
    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Text)> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new ListLogger(Messages);

        public void Dispose()
        {
        }

        private sealed class ListLogger(System.Collections.Concurrent.ConcurrentQueue<(LogLevel, string)> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
