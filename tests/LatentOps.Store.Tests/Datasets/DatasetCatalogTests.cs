using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Core.Tables;
using LatentOps.Data.Hashing;
using LatentOps.Store.Datasets;
using LatentOps.Store.Stores;
using LatentOps.Store.Workspaces;

namespace LatentOps.Store.Tests.Datasets;

public sealed class DatasetCatalogTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Workspace _workspace;
    private readonly DatasetCatalog _catalog;

    public DatasetCatalogTests()
    {
        _workspace = Workspace.Open(Path.Combine(_folder.Path, ".latentops"));
        _catalog = new DatasetCatalog(_workspace.Database, _workspace.Artifacts, () => "tester");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AddVersionAsync_NewContent_NumbersVersionsFromOne()
    {
        var first = await _catalog.AddVersionAsync("loans", Sample(1), new DatasetRoles(Label: "y"), Ingested("a.csv"), cancellationToken: Ct);
        var second = await _catalog.AddVersionAsync("loans", Sample(2), new DatasetRoles(Label: "y"), Ingested("b.csv"), cancellationToken: Ct);

        Assert.True(first.Created);
        Assert.Equal(1, first.Version.Version);
        Assert.Equal(2, second.Version.Version);
        var latest = await _catalog.GetVersionAsync(DatasetRef.Parse("loans"), Ct);
        Assert.Equal(2, latest.Version);
        Assert.Equal("y", latest.Roles.Label);
        Assert.Equal("b.csv", latest.Provenance.Source!.FileName);
        Assert.Equal("tester", latest.CreatedBy);
        Assert.Equal(3, latest.RowCount);
    }

    [Fact]
    public async Task AddVersionAsync_NewVersion_IsAuditedOnceInAnIntactChain()
    {
        await _catalog.AddVersionAsync("loans", Sample(1), new DatasetRoles(Label: "y"), Ingested("a.csv"), cancellationToken: Ct);
        await _catalog.AddVersionAsync("loans", Sample(1), new DatasetRoles(Label: "y"), Ingested("a-again.csv"), cancellationToken: Ct);

        var audit = _workspace.Audit();
        var entries = await audit.ListAsync(cancellationToken: Ct);
        var added = Assert.Single(entries, e => e.Action == "dataset.add");
        Assert.Equal("loans:1", added.Subject);
        Assert.Equal("tester", added.Actor);
        Assert.True((await audit.VerifyAsync(Ct)).Intact);
    }

    [Fact]
    public async Task AddVersionAsync_IdenticalContent_ReturnsExistingVersionAndWritesNothing()
    {
        var first = await _catalog.AddVersionAsync("loans", Sample(1), DatasetRoles.None, Ingested("a.csv"), cancellationToken: Ct);
        var artifactsBefore = CountArtifacts();

        var again = await _catalog.AddVersionAsync("loans", Sample(1), DatasetRoles.None, Ingested("copy-of-a.csv"), cancellationToken: Ct);

        Assert.False(again.Created);
        Assert.Equal(first.Version.Version, again.Version.Version);
        Assert.Equal(artifactsBefore, CountArtifacts());
        Assert.Single(await _catalog.ListVersionsAsync("loans", Ct));
    }

    [Fact]
    public async Task LoadTableAsync_StoredVersion_ReturnsEqualTable()
    {
        var table = Sample(7);
        var added = await _catalog.AddVersionAsync("loans", table, DatasetRoles.None, Ingested("a.csv"), cancellationToken: Ct);

        var loaded = await _catalog.LoadTableAsync(DatasetRef.Parse("loans:1"), Ct);

        Assert.Equal(table.Schema, loaded.Schema);
        Assert.Equal(added.Version.ContentHash, TableHash.Compute(loaded));
    }

    [Fact]
    public async Task GetVersionAsync_Unknown_NotFoundListingWhatExists()
    {
        await _catalog.AddVersionAsync("loans", Sample(1), DatasetRoles.None, Ingested("a.csv"), cancellationToken: Ct);

        var noVersion = await Assert.ThrowsAsync<LatentOpsException>(() => _catalog.GetVersionAsync(DatasetRef.Parse("loans:5"), Ct));
        var noName = await Assert.ThrowsAsync<LatentOpsException>(() => _catalog.GetVersionAsync(DatasetRef.Parse("sales"), Ct));

        Assert.Equal(ErrorCode.NotFound, noVersion.Code);
        Assert.Contains("Versions: 1", noVersion.Message, StringComparison.Ordinal);
        Assert.Contains("Datasets: loans", noName.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLineageAsync_DerivedVersions_RecordsParentsAndTransform()
    {
        await _catalog.AddVersionAsync("loans", Sample(1), DatasetRoles.None, Ingested("a.csv"), cancellationToken: Ct);
        var split = new DatasetTransform("split", new Dictionary<string, string> { ["by"] = "random", ["part"] = "train" });
        var train = await _catalog.AddVersionAsync("loans-train", Sample(1).Take([0, 1]), DatasetRoles.None, DatasetProvenance.Derived(split), [DatasetRef.Parse("loans:1")], Ct);

        var up = await _catalog.GetLineageAsync(train.Version.Ref, Ct);
        var down = await _catalog.GetLineageAsync(DatasetRef.Parse("loans:1"), Ct);
        var children = await _catalog.GetChildrenAsync(DatasetRef.Parse("loans:1"), Ct);

        var edge = Assert.Single(up.Ancestors);
        Assert.Equal(new DatasetRef("loans", 1), edge.Parent);
        Assert.Equal("split", edge.Transform!.Kind);
        Assert.Equal("train", edge.Transform.Parameters["part"]);
        Assert.Equal(new DatasetRef("loans-train", 1), Assert.Single(down.Descendants).Child);
        Assert.Equal("loans-train", Assert.Single(children).Name);
        Assert.Equal([new DatasetRef("loans", 1)], train.Version.Parents);
    }

    [Fact]
    public async Task AddVersionAsync_LabelNotInTable_InvalidInputAndNothingStored()
    {
        var ex = await Assert.ThrowsAsync<LatentOpsException>(() =>
            _catalog.AddVersionAsync("loans", Sample(1), new DatasetRoles(Label: "nope"), Ingested("a.csv"), cancellationToken: Ct));

        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Empty(await _catalog.ListAsync(Ct));
        Assert.Equal(0, CountArtifacts());
    }

    [Fact]
    public async Task ListAsync_TwoDatasets_LatestOfEach()
    {
        await _catalog.AddVersionAsync("b", Sample(1), DatasetRoles.None, Ingested("a.csv"), cancellationToken: Ct);
        await _catalog.AddVersionAsync("a", Sample(1), DatasetRoles.None, Ingested("a.csv"), cancellationToken: Ct);
        await _catalog.AddVersionAsync("a", Sample(2), DatasetRoles.None, Ingested("a.csv"), cancellationToken: Ct);

        var list = await _catalog.ListAsync(Ct);

        Assert.Equal(["a", "b"], list.Select(d => d.Name));
        Assert.Equal(2, list[0].LatestVersion);
        Assert.Equal(2, list[0].VersionCount);
    }

    private int CountArtifacts() => Directory.EnumerateFiles(_workspace.Artifacts.Root, "*", SearchOption.AllDirectories)
        .Count(f => !f.Contains(Path.DirectorySeparatorChar + "tmp" + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    private static DatasetProvenance Ingested(string file) =>
        DatasetProvenance.Ingested(new DatasetSource(file, "/data/" + file, 100, new string('a', 64), "csv"), new Dictionary<string, string> { ["label"] = "y" });

    private static Table Sample(double seed) => new([
        new NumericColumn("x", [seed, 2, 3]),
        new StringColumn("y", ["good", "bad", "good"]),
        new DateTimeColumn("t", [new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), null, new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc)]),
    ]);
}
