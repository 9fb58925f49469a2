using LatentOps.Core.Errors;
using LatentOps.Store.Requests;
using LatentOps.Store.Stores;

namespace LatentOps.Store.Tests.Contract;

public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static LoggedRequest Logged(int i, int version = 1, int rows = 2) => new(
        $"{i:D32}", Start.AddMinutes(i), "churn", version, i % 2 == 0 ? "predict" : "embed", rows,
        $$"""[{"age":{{i}},"email":"[EMAIL]"}]""", """[{"label":"yes"}]""", 1.5 + i);

    [Fact]
    public async Task RequestLogList_ByCountAndTime_ReturnsTheWindowOldestFirst()
    {
        var log = Workspace.Requests();
        await log.AppendAsync([.. Enumerable.Range(0, 10).Select(i => Logged(i, version: i < 5 ? 1 : 2))], Ct);

        var last3 = await log.ListAsync(new RequestLogQuery { Model = "churn", Last = 3 }, Ct);
        var since = await log.ListAsync(new RequestLogQuery { Model = "churn", Since = Start.AddMinutes(8) }, Ct);
        var version1 = await log.ListAsync(new RequestLogQuery { Model = "churn", Version = 1, Until = Start.AddMinutes(3) }, Ct);
        var other = await log.ListAsync(new RequestLogQuery { Model = "other" }, Ct);

        Assert.Equal([7, 8, 9], last3.Select(r => (int)(r.At - Start).TotalMinutes));
        Assert.Equal([8, 9], since.Select(r => (int)(r.At - Start).TotalMinutes));
        Assert.Equal([0, 1, 2], version1.Select(r => (int)(r.At - Start).TotalMinutes));
        Assert.Empty(other);
        Assert.Equal(Logged(9, 2), last3[^1]);
    }

    [Fact]
    public async Task RequestLogAppend_SameIdTwice_KeepsOneRow()
    {
        var log = Workspace.Requests();
        await log.AppendAsync([Logged(1)], Ct);
        await log.AppendAsync([Logged(1), Logged(2)], Ct);

        Assert.Equal(2, (await log.ListAsync(new RequestLogQuery { Model = "churn" }, Ct)).Count);
    }

    [Fact]
    public async Task RequestLogAppend_Utf8EntriesLargeAndNonAscii_ReadBackAsTheSameTextAndUsableByFeedback()
    {
        var log = Workspace.Requests();
        var inputs = "[" + string.Join(',', Enumerable.Range(0, 3000).Select(i => $$"""{"city":"Zürich-{{i}}","note":"naïve \"quoted\" 東京"}""")) + "]";
        var outputs = """[{"label":"yes","probabilities":{"no":0.25,"yes":0.75},"norm":1.5}]""";
        var pooled = new byte[System.Text.Encoding.UTF8.GetByteCount(inputs) + 100]; // a larger buffer: only the slice is stored
        var length = System.Text.Encoding.UTF8.GetBytes(inputs, pooled);
        RequestLogEntry Entry(int i, ReadOnlyMemory<byte> rows) => new($"{i:D32}", Start.AddMinutes(i), "churn", 3, "predict", 3000, rows, System.Text.Encoding.UTF8.GetBytes(outputs), 2.5);

        await log.AppendAsync([Entry(1, pooled.AsMemory(0, length)), Entry(2, System.Text.Encoding.UTF8.GetBytes("[{}]"))], Ct);
        var read = await log.ListAsync(new RequestLogQuery { Model = "churn", Version = 3 }, Ct);
        await log.AddFeedbackAsync([new FeedbackLabel($"{1:D32}", 2999, "no")], Ct);

        Assert.Equal(2, read.Count);
        Assert.Equal(inputs, read[0].Inputs);
        Assert.Equal(outputs, read[0].Outputs);
        Assert.Equal("[{}]", read[1].Inputs);
        Assert.Equal((3000, 2.5), (read[0].RowCount, read[0].LatencyMs));
        Assert.Single(await log.ListFeedbackAsync([$"{1:D32}"], Ct));
    }

    [Fact]
    public async Task AddFeedback_KnownRows_StoredAndLaterLabelReplaces()
    {
        var log = Workspace.Requests();
        await log.AppendAsync([Logged(1), Logged(2)], Ct);

        await log.AddFeedbackAsync([new FeedbackLabel(Logged(1).RequestId, 0, "no"), new FeedbackLabel(Logged(1).RequestId, 1, "yes")], Ct);
        await log.AddFeedbackAsync([new FeedbackLabel(Logged(1).RequestId, 0, "yes")], Ct);
        var labels = await log.ListFeedbackAsync([Logged(1).RequestId, Logged(2).RequestId], Ct);

        Assert.Equal([(0, "yes"), (1, "yes")], labels.Select(l => (l.Row, l.Label)));
    }

    [Fact]
    public async Task AddFeedback_UnknownRequestOrRowOutOfRange_RejectedAndNothingStored()
    {
        var log = Workspace.Requests();
        await log.AppendAsync([Logged(1, rows: 2)], Ct);

        var unknown = await Assert.ThrowsAsync<LatentOpsException>(() => log.AddFeedbackAsync([new FeedbackLabel(Logged(1).RequestId, 0, "yes"), new FeedbackLabel("nope", 0, "yes")], Ct));
        var range = await Assert.ThrowsAsync<LatentOpsException>(() => log.AddFeedbackAsync([new FeedbackLabel(Logged(1).RequestId, 2, "yes")], Ct));
        var empty = await Assert.ThrowsAsync<LatentOpsException>(() => log.AddFeedbackAsync([new FeedbackLabel(Logged(1).RequestId, 0, " ")], Ct));

        Assert.Equal(ErrorCode.NotFound, unknown.Code);
        Assert.Contains("'nope'", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.InvalidInput, range.Code);
        Assert.Contains("labels[0].row is 2", range.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: 0 to 1", range.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.InvalidInput, empty.Code);
        Assert.Empty(await log.ListFeedbackAsync([Logged(1).RequestId], Ct));
    }
}
