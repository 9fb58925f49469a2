using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Learning.Tests.Preprocessing;

public sealed class TabularPreprocessorTests
{
    [Fact]
    public void Fit_NumericWithGaps_ScalesByMedianAndIqrAndAddsMissingFlag()
    {
        var table = new Table([new NumericColumn("x", [1, 2, 3, 4, 5, double.NaN])]);
        var fitted = new TabularPreprocessor().Fit(table);

        var encoding = Assert.Single(fitted.Columns);
        Assert.Equal(3, encoding.Center);
        Assert.Equal(2 / 1.349, encoding.Scale, 10);
        Assert.True(encoding.MissingIndicator);
        var encoded = fitted.Transform(table);
        Assert.Equal(2, encoded.NumericWidth);
        Assert.Equal(0f, encoded.Numeric[4]); // median row -> 0, not missing
        Assert.Equal(new[] { 0f, 1f }, encoded.Numeric[10..12]); // missing -> 0 with flag 1
    }

    [Fact]
    public void Transform_UnseenCategory_MapsToUnknownBucket()
    {
        var train = new Table([new StringColumn("c", ["a", "b", "a", null])]);
        var fitted = new TabularPreprocessor().Fit(train);
        var encoded = fitted.Transform(new Table([new StringColumn("c", ["a", "b", "zzz", null])]));

        Assert.Equal(new long[] { 1, 2, 0, 0 }, encoded.Categories);
        Assert.Equal(3, fitted.Columns[0].Cardinality);
    }

    [Fact]
    public void Fit_AllMissingColumn_ThrowsNamingColumn()
    {
        var table = new Table([new NumericColumn("ok", [1, 2]), new NumericColumn("empty", [double.NaN, double.NaN])]);
        var e = Assert.Throws<LatentOpsException>(() => new TabularPreprocessor().Fit(table));
        Assert.Equal(ErrorCode.InvalidInput, e.Code);
        Assert.Contains("'empty'", e.Message);
    }

    [Fact]
    public void Fit_OnlyTextAndIdentifierColumns_ThrowsNoUsableColumns()
    {
        var table = new Table([new StringColumn("id", ["1", "2"], ColumnType.Identifier), new StringColumn("note", ["x", "y"], ColumnType.Text)]);
        var e = Assert.Throws<LatentOpsException>(() => new TabularPreprocessor().Fit(table));
        Assert.Contains("no usable feature columns", e.Message);
    }

    [Fact]
    public void Transform_MissingSignatureColumn_ThrowsNamingIt()
    {
        var fitted = new TabularPreprocessor().Fit(SampleTables.LendingClub(50));
        var e = Assert.Throws<LatentOpsException>(() => fitted.Transform(SampleTables.LendingClub(5).Drop(["int_rate"])));
        Assert.Contains("'int_rate'", e.Message);
    }

    [Fact]
    public void Fit_DateTimeColumn_EncodesParts()
    {
        var table = new Table([new DateTimeColumn("t", [new DateTime(2020, 1, 1), new DateTime(2021, 7, 1), null])]);
        var fitted = new TabularPreprocessor().Fit(table);
        var encoded = fitted.Transform(table);
        Assert.Equal(8, encoded.NumericWidth);
        Assert.Equal(1f, encoded.Numeric[(2 * 8) + 7]);
    }
}
