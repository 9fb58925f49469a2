using System.Globalization;
using System.Text;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;

namespace LatentOps.Data.Tests.Reading;

/// <summary>Columns are stored narrow only when every value comes back as exactly the double parsed from the text.</summary>
public sealed class NarrowStorageReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_NumberColumns_NarrowWhenExactAndEveryValueBitEqualToDoubleParse()
    {
        string[] header = ["small", "rates", "widening", "rescaled", "negzero", "tiny", "big", "longdec"];
        string[][] rows =
        [
            ["1", "13.56", "5", "7", "1", "0.5", "5", "0.1"],
            ["-3", "0.07", "300", "7.5", "-0", "1e-12", "3000000000", "0.123456789012"],
            ["", "NA", "70000", "7.25", "2", "0.25", "12", "2"],
            ["127", "28.99", "-2147483647", "0.001", "3", "", "7", "3.3"],
        ];
        var path = WriteCsv(header, rows);

        var table = await TableReader.ReadAsync(path, cancellationToken: Ct);

        Assert.Equal(1, ((NumericColumn)table["small"]).BytesPerValue);
        Assert.Equal(2, ((NumericColumn)table["rates"]).BytesPerValue);
        Assert.Equal(4, ((NumericColumn)table["widening"]).BytesPerValue);
        Assert.Equal(2, ((NumericColumn)table["rescaled"]).BytesPerValue); // 7000, 7500, 7250, 1 in thousandths
        Assert.Equal(8, ((NumericColumn)table["negzero"]).BytesPerValue); // -0 has no scaled form that gives -0 back
        Assert.Equal(8, ((NumericColumn)table["tiny"]).BytesPerValue);
        Assert.Equal(8, ((NumericColumn)table["big"]).BytesPerValue);
        Assert.Equal(8, ((NumericColumn)table["longdec"]).BytesPerValue);
        for (var c = 0; c < header.Length; c++)
        {
            var column = (NumericColumn)table[header[c]];
            for (var r = 0; r < rows.Length; r++)
            {
                var text = rows[r][c];
                var expected = text is "" or "NA" ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(column[r]));
            }
        }
    }

    [Fact]
    public async Task ReadAsync_ManyDistinctStrings_CodesWidenThenFallBackToReferences()
    {
        const int rows = StringPool.Cap + 1000;
        var builder = new StringBuilder("few,some,unique\n");
        for (var i = 0; i < rows; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"c{i % 3},s{i % 1000},u{i}\n");
        }

        var path = Fixture.TempFile("distinct.csv");
        await File.WriteAllTextAsync(path, builder.ToString(), Ct);

        var table = await TableReader.ReadAsync(path, cancellationToken: Ct);

        var few = (StringColumn)table["few"];
        var some = (StringColumn)table["some"];
        var unique = (StringColumn)table["unique"];
        Assert.Equal(1, few.BytesPerValue);
        Assert.Equal(2, some.BytesPerValue);
        Assert.Equal(IntPtr.Size, unique.BytesPerValue);
        Assert.Equal(ColumnType.Identifier, unique.Type);
        foreach (var i in (int[])[0, 1, 999, 1000, StringPool.Cap - 1, StringPool.Cap, rows - 1])
        {
            Assert.Equal($"c{i % 3}", few[i]);
            Assert.Equal($"s{i % 1000}", some[i]);
            Assert.Equal($"u{i}", unique[i]);
        }
    }

    [Fact]
    public async Task ReadAsync_TextAfterNumbers_RereadRowsAreCoded()
    {
        var path = WriteCsv(["code", "flag"], [["1", "yes"], ["2", ""], ["x", "no"], ["", "yes"]]);

        var table = await TableReader.ReadAsync(path, cancellationToken: Ct);

        var code = (StringColumn)table["code"];
        Assert.Equal(["1", "2", "x", null], code.Values.ToArray());
        Assert.Equal(1, code.BytesPerValue);
        var flag = (NumericColumn)table["flag"];
        Assert.Equal(ColumnType.Boolean, flag.Type);
        Assert.Equal(1, flag.BytesPerValue);
        Assert.Equal([1, double.NaN, 0, 1], flag.Values.ToArray());
    }

    private static string WriteCsv(string[] header, string[][] rows)
    {
        var path = Fixture.TempFile("numbers.csv");
        File.WriteAllLines(path, [string.Join(',', header), .. rows.Select(r => string.Join(',', r))]);
        return path;
    }
}
