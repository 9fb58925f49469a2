using LatentOps.Core.Tables;
using LatentOps.Data.Hashing;
using LatentOps.Data.Parquet;
using LatentOps.Data.Reading;

namespace LatentOps.Data.Tests.Parquet;

public sealed class TableParquetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_ThenReadAsync_RoundTripsValuesTypesAndMissing()
    {
        var table = new Table([
            new NumericColumn("x", [1.5, double.NaN, -2.25]),
            new NumericColumn("n", [1, 2, double.NaN], ColumnType.Integer),
            new NumericColumn("b", [1, 0, double.NaN], ColumnType.Boolean),
            new StringColumn("c", ["a", null, "a"]),
            new StringColumn("t", ["long text here", "more text", null], ColumnType.Text),
            new StringColumn("id", ["k1", "k2", "k3"], ColumnType.Identifier),
            new DateTimeColumn("d", [new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), null, new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc)]),
        ]);
        var path = Fixture.TempFile("t.parquet");

        await TableParquet.WriteAsync(table, path, Ct);
        var back = await TableParquet.ReadAsync(path, cancellationToken: Ct);

        Assert.Equal(table.Schema, back.Schema);
        Assert.Equal(TableHash.Compute(table), TableHash.Compute(back));
    }

    [Fact]
    public async Task WriteAsync_LendingClubSlice_ReadsBackWithSameContentHash()
    {
        var table = await TableReader.ReadAsync(Fixture.Path("real", "lending_club_500.csv"), cancellationToken: Ct);
        var path = Fixture.TempFile("lc.parquet");

        await TableParquet.WriteAsync(table, path, Ct);
        var back = await TableReader.ReadAsync(path, cancellationToken: Ct);

        Assert.Equal(TableHash.Compute(table), TableHash.Compute(back));
    }
}
