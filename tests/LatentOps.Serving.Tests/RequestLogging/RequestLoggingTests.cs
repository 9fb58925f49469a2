using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LatentOps.Serving.Inference;
using LatentOps.Serving.Metrics;
using LatentOps.Serving.RequestLogging;
using LatentOps.Serving.Tests.Apis;
using LatentOps.Store.Keys;
using LatentOps.Store.Requests;
using LatentOps.Store.Stores;
using LatentOps.Store.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LatentOps.Serving.Tests.RequestLogging;

public sealed class RequestLoggingTests(RegisteredModels models) : IClassFixture<RegisteredModels>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Row = """{"funded_amnt": 16100, "term": "term_36", "int_rate": 13.99, "sub_grade": "C4", "addr_state": "CT", "verification_status": "Not_Verified", "annual_inc": 35000, "emp_length": "EMP", "delinq_2yrs": 0, "inq_last_6mths": 0, "revol_util": 67.4, "acc_now_delinq": 0, "open_il_6m": 1, "open_il_12m": 0, "open_il_24m": 0, "total_bal_il": 1099, "all_util": 48, "inq_fi": 0, "inq_last_12m": 3, "delinq_amnt": 0, "num_il_tl": 3, "total_il_high_credit_limit": 13193}""";

    private static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

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

    [Fact]
    public async Task Predict_RowWithEmail_LoggedWithEmailRedactedAndFeedbackStored()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);
        var rows = $$"""{"rows": [{{Row.Replace("EMP", "jane.doe@example.com", StringComparison.Ordinal)}}, {{Row.Replace("EMP", "emp_5", StringComparison.Ordinal)}}]}""";

        var answer = await (await client.PostAsync("/v1/models/loans:2/predict", Body(rows), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var requestId = answer.GetProperty("requestId").GetString()!;
        var predictionId = answer.GetProperty("predictions")[1].GetProperty("predictionId").GetString()!;
        var feedback = await client.PostAsync("/v1/feedback", Body($$"""{"labels": [{"predictionId": "{{predictionId}}", "label": "bad"}, {"requestId": "{{requestId}}", "row": 0, "label": "good"}]}"""), Ct);
        var logged = Assert.Single(await WaitForLogAsync(Workspace.Open(models.Folder), requestId));
        var labels = await Workspace.Open(models.Folder).Requests().ListFeedbackAsync([requestId], Ct);

        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);
        Assert.Equal(("loans", 2, "predict", 2), (logged.Model, logged.Version, logged.Endpoint, logged.RowCount));
        Assert.DoesNotContain("jane.doe", logged.Inputs, StringComparison.Ordinal);
        Assert.Contains("[EMAIL]", logged.Inputs, StringComparison.Ordinal);
        Assert.Contains("\"funded_amnt\":16100", logged.Inputs, StringComparison.Ordinal);
        Assert.Contains(answer.GetProperty("predictions")[0].GetProperty("label").GetString()!, logged.Outputs, StringComparison.Ordinal);
        using var outputs = JsonDocument.Parse(logged.Outputs);
        Assert.Equal(2, outputs.RootElement.GetArrayLength());
        Assert.True(outputs.RootElement[1].GetProperty("norm").GetSingle() > 0); // the embedding summary
        Assert.Equal([(0, "good"), (1, "bad")], labels.Select(l => (l.Row, l.Label)));
    }

    [Fact]
    public async Task Feedback_UnknownIdBadLabelOrRow_ProblemDetailsNamingTheItem()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);
        var answer = await (await client.PostAsync("/v1/models/loans:1/predict", Body($$"""{"rows": [{{Row.Replace("EMP", "emp_5", StringComparison.Ordinal)}}]}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var requestId = answer.GetProperty("requestId").GetString()!;

        var unknown = await client.PostAsync("/v1/feedback", Body("""{"labels": [{"requestId": "0123456789abcdef0123456789abcdef", "row": 0, "label": "good"}]}"""), Ct);
        var badLabel = await client.PostAsync("/v1/feedback", Body($$"""{"labels": [{"requestId": "{{requestId}}", "row": 0, "label": "maybe"}]}"""), Ct);
        var badRow = await client.PostAsync("/v1/feedback", Body($$"""{"predictionId": "{{requestId}}-3", "label": "good"}"""), Ct);
        var noLabel = await client.PostAsync("/v1/feedback", Body($$"""{"labels": [{"requestId": "{{requestId}}", "row": 0}]}"""), Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badLabel.StatusCode);
        Assert.Contains("'maybe' is not a class", await badLabel.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badRow.StatusCode);
        Assert.Contains("row is 3", await badRow.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noLabel.StatusCode);
        Assert.Empty(await Workspace.Open(models.Folder).Requests().ListFeedbackAsync([requestId], Ct));
    }

    [Fact]
    public async Task Predict_SampleRateZero_LogsNothingAndFeedbackIsNotFound()
    {
        await using var server = await TestServer.StartAsync(models.Folder, o => o.RequestLog.SampleRate = 0);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Predict);

        var answer = await (await client.PostAsync("/v1/models/loans:1/predict", Body($$"""{"rows": [{{Row.Replace("EMP", "emp_5", StringComparison.Ordinal)}}]}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var requestId = answer.GetProperty("requestId").GetString()!;
        var feedback = await client.PostAsync("/v1/feedback", Body($$"""{"labels": [{"requestId": "{{requestId}}", "row": 0, "label": "good"}]}"""), Ct);

        Assert.Equal(HttpStatusCode.NotFound, feedback.StatusCode);
        Assert.Empty(await Workspace.Open(models.Folder).Requests().FindAsync([requestId], Ct));
        Assert.Equal(0, server.App.Services.GetRequiredService<ServingMetrics>().RequestLogWritten.Value);
    }

    [Fact]
    public async Task Feedback_ReadKey_Returns403()
    {
        await using var server = await TestServer.StartAsync(models.Folder);
        using var client = await server.ClientWithKeyAsync(ApiKeyScope.Read);

        var response = await client.PostAsync("/v1/feedback", Body("""{"predictionId": "x-0", "label": "good"}"""), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TryLog_DatabaseLockedAndQueueFull_DropsAreCountedWithoutBlocking()
    {
        var folder = Path.Combine(Path.GetTempPath(), "latentops-serving-tests", Guid.NewGuid().ToString("N"));
        var workspace = Workspace.Open(folder);
        var metrics = new ServingMetrics();
        var options = new ServerOptions { RequestLog = new RequestLogOptions { QueueCapacity = 2, MaxWriteBatch = 1 } };
        var rows = System.Text.Encoding.UTF8.GetBytes(RequestLogger.RowsJson(models.Rows.Take([0])));
        var accepted = 0;
        using (var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={workspace.DatabasePath}"))
        {
            holder.Open();
            using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                begin.ExecuteNonQuery(); // The writer now waits on the lock holding at most one request (MaxWriteBatch 1): the queue fills.
            }

            var logger = new RequestLogger(workspace.Requests(), options, metrics, NullLogger<RequestLogger>.Instance);
            var started = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 50; i++)
            {
                accepted += logger.TryLog(new PendingRequest($"{i:D32}", DateTimeOffset.UtcNow, "loans", 1, "embed", LoggableRows.Copy(rows, 1, rewriter: null), () => "[1.0]"u8.ToArray(), 1)) ? 1 : 0;
            }

            var elapsed = started.Elapsed;
            using (var rollback = holder.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                rollback.ExecuteNonQuery();
            }

            await logger.DisposeAsync();
            Assert.InRange(accepted, 2, 3);
            Assert.Equal(50 - accepted, metrics.RequestLogDropped.WithLabels("queue_full").Value);
            Assert.True(elapsed < TimeSpan.FromSeconds(1), $"TryLog blocked for {elapsed}.");
        }

        var written = (await workspace.Requests().ListAsync(new RequestLogQuery { Model = "loans" }, Ct)).Count;
        Assert.Equal(accepted, written);
        Assert.Equal(written, metrics.RequestLogWritten.Value);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task TryLog_InputsBeyondMaxQueuedBytes_DroppedAndCountedThenAcceptedOnceWritten()
    {
        var folder = Path.Combine(Path.GetTempPath(), "latentops-serving-tests", Guid.NewGuid().ToString("N"));
        var workspace = Workspace.Open(folder);
        var metrics = new ServingMetrics();
        var options = new ServerOptions { RequestLog = new RequestLogOptions { MaxQueuedBytes = 1L << 20 } };
        var logger = new RequestLogger(workspace.Requests(), options, metrics, NullLogger<RequestLogger>.Instance);
        var big = System.Text.Encoding.UTF8.GetBytes("[{\"note\":\"" + new string('x', 700_000) + "\"}]");
        PendingRequest Request(int i) => new($"{i:D32}", DateTimeOffset.UtcNow, "loans", 1, "embed", LoggableRows.Copy(big, 1, rewriter: null), () => "[1.0]"u8.ToArray(), 1);

        var first = logger.TryLog(Request(0));
        var second = logger.TryLog(Request(1)); // 1.4 MB queued would pass the 1 MiB bound: dropped.
        await logger.FlushAsync(TimeSpan.FromSeconds(10), Ct);
        var third = logger.TryLog(Request(2)); // the first one is written: room again.
        await logger.DisposeAsync();

        Assert.True(first);
        Assert.False(second);
        Assert.True(third);
        Assert.Equal(1, metrics.RequestLogDropped.WithLabels("queue_full").Value);
        Assert.Equal(2, (await workspace.Requests().ListAsync(new RequestLogQuery { Model = "loans" }, Ct)).Count);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void RequestLogOptions_MaxQueuedBytesBelowOneMiB_RejectedNamingTheSetting()
    {
        var error = Assert.Throws<LatentOps.Core.Errors.LatentOpsException>(() => new RequestLogOptions { MaxQueuedBytes = 1000 }.Validate());
        Assert.Contains("RequestLog.MaxQueuedBytes is 1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RedactionCache_RepeatedShortAndLongValues_SameAsPiiDetectorEveryTime()
    {
        var longText = "call me at jane.doe@example.com about " + new string('x', 80);
        var table = new LatentOps.Core.Tables.Table(
        [
            new LatentOps.Core.Tables.StringColumn("contact", ["jane.doe@example.com", "CT", null, "jane.doe@example.com", longText]),
            new LatentOps.Core.Tables.NumericColumn("amount", [1, 2, 3, 4, 5]),
        ]);
        var expected = RequestLogger.RowsJson(LatentOps.Data.Pii.PiiDetector.Redact(table).Table);
        var cache = new RedactionCache();

        var first = RequestLogger.RowsJson(cache.Redact(table));
        var second = RequestLogger.RowsJson(cache.Redact(table));

        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
        Assert.DoesNotContain("jane.doe", second, StringComparison.Ordinal);
    }
}
