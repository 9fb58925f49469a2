using LatentOps.Core.Tables;
using LatentOps.Data.Diffing;

namespace LatentOps.Data.Tests.Diffing;

public sealed class TableDifferTests
{
    [Fact]
    public void Compare_ChangedSchemaAndRows_Summarised()
    {
        var a = new Table([new NumericColumn("x", [1, 2, 3]), new StringColumn("s", ["a", "b", "c"]), new StringColumn("gone", ["1", "2", "3"])]);
        var b = new Table([new NumericColumn("x", [1, 2, 9, 10]), new StringColumn("s", ["a", "b", "c", "d"]), new NumericColumn("new", [0, 0, 0, 0])]);

        var diff = TableDiffer.Compare(a, b);

        Assert.Equal(["new"], diff.AddedColumns);
        Assert.Equal(["gone"], diff.RemovedColumns);
        Assert.Equal(2, diff.RowsInBoth);
        Assert.Equal(1, diff.RowsOnlyInA);
        Assert.Equal(2, diff.RowsOnlyInB);
        Assert.False(diff.Identical);
    }
}
