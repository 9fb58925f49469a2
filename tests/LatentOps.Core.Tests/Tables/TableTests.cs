using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Core.Tests.Tables;

public sealed class TableTests
{
    private static Table Sample() => new(
    [
        new NumericColumn("amount", [1.5, double.NaN, 3]),
        new StringColumn("state", ["CA", "NY", null]),
        new DateTimeColumn("when", [new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), null, null]),
    ]);

    [Fact]
    public void Take_Rows_KeepsOrderAndMissingness()
    {
        var taken = Sample().Take([2, 0]);

        Assert.Equal(2, taken.RowCount);
        Assert.Equal(3.0, ((NumericColumn)taken["amount"])[0]);
        Assert.True(taken["state"].IsMissing(0));
        Assert.Equal("CA", taken["state"].GetValue(1));
    }

    [Fact]
    public void MissingCount_NaNAndNull_AreMissing()
    {
        var table = Sample();

        Assert.Equal(1, table["amount"].MissingCount);
        Assert.Equal(1, table["state"].MissingCount);
        Assert.Equal(2, table["when"].MissingCount);
    }

    [Fact]
    public void Indexer_UnknownColumn_ListsTheColumnsThereAre()
    {
        var error = Assert.Throws<LatentOpsException>(() => Sample()["label"]);

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("amount, state, when", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateNames_Throws() =>
        Assert.Throws<ArgumentException>(() => new Table([new NumericColumn("a", [1]), new NumericColumn("a", [2])]));

    [Fact]
    public void Constructor_UnequalLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => new Table([new NumericColumn("a", [1]), new NumericColumn("b", [2, 3])]));

    [Fact]
    public void SelectAndDrop_Names_ReturnThoseColumns()
    {
        Assert.Equal(["state", "amount"], Sample().Select(["state", "amount"]).Columns.Select(c => c.Name));
        Assert.Equal(["amount", "when"], Sample().Drop(["state"]).Columns.Select(c => c.Name));
    }

    [Fact]
    public void Concat_SameSchema_StacksRowsInOrder()
    {
        var joined = Table.Concat([Sample(), Sample().Take([0])]);

        Assert.Equal(4, joined.RowCount);
        Assert.Equal("CA", joined["state"].GetValue(3));
        Assert.True(joined["amount"].IsMissing(1));
    }

    [Fact]
    public void Concat_DifferentSchemas_Throws() =>
        Assert.Throws<ArgumentException>(() => Table.Concat([Sample(), Sample().Drop(["state"])]));
}
