using LatentOps.Core.Tables;

namespace LatentOps.Core.Tests.Tables;

public sealed class NarrowStorageTests
{
    [Fact]
    public void FromScaled_EveryAccessor_GivesTheSameDoublesAsDoubleStorage()
    {
        // 13.56, missing, -0.07, 1000.5 as hundredths in an int.
        double[] expected = [13.56, double.NaN, -0.07, 1000.5];
        var narrow = NumericColumn.FromScaled("rate", new int[] { 1356, 0, -7, 100050 }, 2, [0b10UL]);
        var wide = new NumericColumn("rate", expected);

        Assert.Equal(4, narrow.BytesPerValue);
        Assert.Equal(8, wide.BytesPerValue);
        Assert.Equal(4, narrow.Length);
        Assert.Equal(1, narrow.MissingCount);
        var copied = new double[3];
        narrow.CopyTo(1, copied);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(narrow[i]));
            Assert.Equal(wide.IsMissing(i), narrow.IsMissing(i));
            Assert.Equal(wide.GetValue(i), narrow.GetValue(i));
        }

        Assert.Equal(expected.Skip(1), copied);
        Assert.Equal(expected, narrow.Values.ToArray());
        var taken = (NumericColumn)narrow.Take([3, 1, 0]);
        Assert.Equal(4, taken.BytesPerValue);
        Assert.Equal([1000.5, double.NaN, 13.56], taken.Values.ToArray());
        Assert.Equal(13.56, ((NumericColumn)narrow.Rename("r"))[0]);
    }

    [Fact]
    public void FromScaled_Boolean_ReadsAsBool()
    {
        var flags = NumericColumn.FromScaled("flag", new sbyte[] { 1, 0, 0 }, 0, [0b100UL], ColumnType.Boolean);

        Assert.Equal(true, flags.GetValue(0));
        Assert.Equal(false, flags.GetValue(1));
        Assert.Null(flags.GetValue(2));
        Assert.Equal(1, flags.BytesPerValue);
    }

    [Fact]
    public void FromScaled_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NumericColumn.FromScaled("x", new int[2], 19, null));
        Assert.Throws<ArgumentException>(() => NumericColumn.FromScaled("x", new int[200], 0, [0UL, 0UL]));
        Assert.Throws<ArgumentException>(() => NumericColumn.FromScaled("x", new int[2], 0, null, ColumnType.Categorical));
        Assert.Throws<ArgumentOutOfRangeException>(() => NumericColumn.FromScaled("x", new int[2], 0, null)[2]);
    }

    [Fact]
    public void FromCodes_EveryAccessor_GivesTheSameStringsAsReferenceStorage()
    {
        var coded = StringColumn.FromCodes("state", new byte[] { 2, 0, 1, 2, 9 }, ["CA", "NY"], ColumnType.Categorical, length: 4);

        Assert.Equal(4, coded.Length);
        Assert.Equal(1, coded.BytesPerValue);
        Assert.Equal(["NY", null, "CA", "NY"], coded.Values.ToArray());
        Assert.True(coded.IsMissing(1));
        Assert.Equal("CA", coded.GetValue(2));
        Assert.Equal(1, coded.MissingCount);
        var taken = (StringColumn)coded.Take([2, 1]);
        Assert.Equal(["CA", null], taken.Values.ToArray());
        Assert.Equal("NY", ((StringColumn)coded.Rename("s"))[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => coded[4]);
    }

    [Fact]
    public void FromCodes_CodeOutsideDictionary_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => StringColumn.FromCodes("s", new ushort[] { 1, 3 }, ["a", "b"]));

        Assert.Contains("code 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concat_NarrowParts_JoinsTheirValues()
    {
        var a = new Table([NumericColumn.FromScaled("x", new int[] { 15 }, 1, null), StringColumn.FromCodes("s", new byte[] { 1 }, ["a"])]);
        var b = new Table([NumericColumn.FromScaled("x", new int[] { 25 }, 1, null), StringColumn.FromCodes("s", new byte[] { 0 }, ["b"])]);

        var joined = Table.Concat([a, b]);

        Assert.Equal([1.5, 2.5], ((NumericColumn)joined["x"]).Values.ToArray());
        Assert.Equal(["a", null], ((StringColumn)joined["s"]).Values.ToArray());
    }
}
