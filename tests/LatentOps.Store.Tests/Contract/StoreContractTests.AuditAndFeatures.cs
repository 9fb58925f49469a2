using LatentOps.Core.Errors;
using LatentOps.Store.Database;
using LatentOps.Store.Features;
using LatentOps.Store.Stores;
using Parquet;
using Parquet.Schema;

namespace LatentOps.Store.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task AuditVerify_AfterRegistryChanges_ReportsIntactChainOfEveryChange()
    {
        await RegisterAsync(0.8, 0.02);
        await Registry.PromoteAsync(new Registry.PromotionRequest("churn", 1), StandardGates(), Ct);
        await Workspace.Audit().AppendAsync("bob", "key.create", "key-1", new Dictionary<string, string> { ["scope"] = "read" }, Ct);

        var verification = await Workspace.Audit().VerifyAsync(Ct);
        var actions = (await Workspace.Audit().ListAsync(cancellationToken: Ct)).Select(e => e.Action).ToList();

        Assert.True(verification.Intact);
        Assert.Equal(actions.Count, verification.Entries);
        Assert.Equal(["key.create", "model.promote", "model.register", "run.end", "run.artifact", "run.create"], actions);
    }

    [Fact]
    public async Task AuditVerify_EntryEditedByHand_ReportsEditedEntry()
    {
        var entries = await AppendThreeAsync();
        TamperWithAudit($"UPDATE audit_log SET actor = 'mallory' WHERE seq = {entries[1].Sequence}");

        var verification = await Workspace.Audit().VerifyAsync(Ct);

        Assert.False(verification.Intact);
        var problem = Assert.Single(verification.Problems);
        Assert.Equal(("edited", entries[1].Sequence), (problem.Kind, problem.Sequence));
    }

    [Fact]
    public async Task AuditVerify_EntryRemovedByHand_ReportsTheGap()
    {
        var entries = await AppendThreeAsync();
        TamperWithAudit($"DELETE FROM audit_log WHERE seq = {entries[1].Sequence}");

        var verification = await Workspace.Audit().VerifyAsync(Ct);

        Assert.False(verification.Intact);
        Assert.Contains(verification.Problems, p => p.Kind == "missing" && p.Sequence == entries[2].Sequence);
        Assert.Contains(verification.Problems, p => p.Kind == "unlinked" && p.Sequence == entries[2].Sequence);
    }

    [Fact]
    public async Task AuditVerify_EntriesReorderedByHand_ReportsBrokenLinks()
    {
        var entries = await AppendThreeAsync();
        var (a, b) = (entries[0].Sequence, entries[1].Sequence);
        TamperWithAudit($"UPDATE audit_log SET seq = -1 WHERE seq = {a}; UPDATE audit_log SET seq = {a} WHERE seq = {b}; UPDATE audit_log SET seq = {b} WHERE seq = -1;");

        var verification = await Workspace.Audit().VerifyAsync(Ct);

        Assert.False(verification.Intact);
        Assert.Contains(verification.Problems, p => p.Kind == "unlinked");
    }

    [Fact]
    public async Task AuditLog_UpdateWithoutDisablingTheGuard_IsRejectedByTheDatabase()
    {
        await AppendThreeAsync();

        Assert.ThrowsAny<Exception>(() => Backend.Execute(Workspace, "UPDATE audit_log SET actor = 'mallory'"));
        Assert.True((await Workspace.Audit().VerifyAsync(Ct)).Intact);
    }

    [Fact]
    public async Task Materialize_ThenGetAsOf_ReturnsLatestVectorAtOrBeforeThatTime()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var features = Workspace.Features("alice");
        await features.MaterializeAsync("enc", 1, [new("c1", t0, [1, 0, 0]), new("c1", t0.AddDays(2), [0, 1, 0]), new("c2", t0, [0, 0, 1])], Ct);

        Assert.Null(await features.GetAsync("enc", 1, "c1", t0.AddDays(-1), Ct));
        var dayOne = (await features.GetAsync("enc", 1, "c1", t0.AddDays(1), Ct))!.Vector;
        var dayTwo = (await features.GetAsync("enc", 1, "c1", t0.AddDays(2), Ct))!.Vector;
        var now = (await features.GetAsync("enc", 1, "c1", null, Ct))!.Vector;
        Assert.Equal(new float[] { 1, 0, 0 }, dayOne);
        Assert.Equal(new float[] { 0, 1, 0 }, dayTwo);
        Assert.Equal(new float[] { 0, 1, 0 }, now);
        Assert.Null(await features.GetAsync("enc", 2, "c1", null, Ct));
    }

    [Fact]
    public async Task Similar_RandomVectors_MatchesBruteForceTopKExcludingTheQuery()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 300).Select(i => new EmbeddingRow($"e{i}", DateTimeOffset.UnixEpoch, Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())).ToList();
        var features = Workspace.Features("alice");
        await features.MaterializeAsync("enc", 3, rows, Ct);

        var neighbours = await features.SimilarAsync("enc", 3, "e5", 10, null, Ct);

        var expected = rows.Where(r => r.EntityId != "e5").Select(r => (r.EntityId, Score: Cosine(rows[5].Vector, r.Vector))).OrderByDescending(x => x.Score).Take(10).ToList();
        Assert.Equal(expected.Select(e => e.EntityId), neighbours.Select(n => n.EntityId));
        Assert.All(neighbours.Zip(expected), p => Assert.Equal(p.Second.Score, p.First.Similarity, 5));
    }

    [Fact]
    public async Task Similar_AsOfBeforeAMove_UsesTheVectorValidThen()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var features = Workspace.Features("alice");
        await features.MaterializeAsync("enc", 1, [new("q", t0, [1, 0]), new("a", t0, [0.9f, 0.1f]), new("b", t0, [0, 1]), new("b", t0.AddDays(1), [1, 0.01f])], Ct);

        var before = await features.SimilarAsync("enc", 1, "q", 1, t0.AddHours(1), Ct);
        var after = await features.SimilarAsync("enc", 1, "q", 1, null, Ct);

        Assert.Equal("a", Assert.Single(before).EntityId);
        Assert.Equal("b", Assert.Single(after).EntityId);
    }

    [Fact]
    public async Task Materialize_Rows_WritesAParquetArtifactWithTheSameVectors()
    {
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var set = await Workspace.Features("alice").MaterializeAsync("enc", 1, [new("c1", t0, [0.25f, -1f]), new("c2", t0.AddMinutes(1), [2f, 3f])], Ct);

        await using var stream = Workspace.Artifacts.OpenRead(set.ArtifactHash);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: Ct);
        using var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.GetDataFields();
        var ids = new string?[2];
        await group.ReadAsync(fields.Single(f => f.Name == "entity_id"), ids.AsMemory(), null, Ct);
        var e1 = new float[2];
        await group.ReadAsync<float>(fields.Single(f => f.Name == "e1"), e1.AsMemory(), null, Ct);

        Assert.Equal((2, 2), (set.Rows, set.Dimension));
        Assert.Equal(["entity_id", "event_time", "model", "e0", "e1"], fields.Select(f => f.Name));
        Assert.Equal(["c1", "c2"], ids);
        Assert.Equal([-1f, 3f], e1);
    }

    [Fact]
    public async Task Materialize_MixedDimensions_FailsWithInvalidInputNamingTheRow()
    {
        var error = await Assert.ThrowsAsync<LatentOpsException>(() => Workspace.Features("alice").MaterializeAsync("enc", 1,
            [new("c1", DateTimeOffset.UnixEpoch, [1, 2]), new("c2", DateTimeOffset.UnixEpoch, [1, 2, 3])], Ct));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("Row 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Workspace.Features("alice").ListFeatureSetsAsync(null, Ct));
    }

    private async Task<IReadOnlyList<Audit.AuditEntry>> AppendThreeAsync()
    {
        var audit = Workspace.Audit();
        var list = new List<Audit.AuditEntry>();
        for (var i = 0; i < 3; i++)
        {
            list.Add(await audit.AppendAsync("alice", "dataset.ingest", $"data{i}", new Dictionary<string, string> { ["rows"] = $"{i * 10}" }, Ct));
        }

        return list;
    }

    /// <summary>What someone with write access to the database would do: switch off the append-only guard, then edit.</summary>
    private void TamperWithAudit(string sql)
    {
        var (disable, enable) = _dialect == StoreDialect.Sqlite
            ? ("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;", string.Empty)
            : ("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;", "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;");
        Backend.Execute(Workspace, disable + sql + ";" + enable);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
