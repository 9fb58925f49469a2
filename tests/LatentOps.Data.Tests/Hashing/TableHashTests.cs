using LatentOps.Core.Tables;
using LatentOps.Data.Hashing;

namespace LatentOps.Data.Tests.Hashing;

public sealed class TableHashTests
{
    [Fact]
    public void Compute_EqualContent_EqualHash_DifferentValueOrTypeOrName_DifferentHash()
    {
        static Table Make(string name, double v, ColumnType type) => new([new NumericColumn(name, [1, v], type), new StringColumn("s", ["a", null])]);

        var baseline = TableHash.Compute(Make("x", 2, ColumnType.Integer));

        Assert.Equal(baseline, TableHash.Compute(Make("x", 2, ColumnType.Integer)));
        Assert.NotEqual(baseline, TableHash.Compute(Make("x", 3, ColumnType.Integer)));
        Assert.NotEqual(baseline, TableHash.Compute(Make("x", 2, ColumnType.Numeric)));
        Assert.NotEqual(baseline, TableHash.Compute(Make("y", 2, ColumnType.Integer)));
        Assert.Equal(64, baseline.Length);
    }

    [Fact]
    public void RowHashes_DuplicateRows_Equal()
    {
        var table = new Table([new NumericColumn("x", [1, 2, 1]), new StringColumn("s", ["a", "b", "a"])]);

        var hashes = TableHash.RowHashes(table);

        Assert.Equal(hashes[0], hashes[2]);
        Assert.NotEqual(hashes[0], hashes[1]);
    }
}
