using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;

namespace LatentOps.Data.Tests.Reading;

public sealed class TableReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_QuotedSemicolonCsv_SniffsDelimiterAndUnescapes()
    {
        var table = await TableReader.ReadAsync(Fixture.Path("good", "semicolon_quoted.csv"), cancellationToken: Ct);

        Assert.Equal(3, table.RowCount);
        Assert.Equal(["id", "name", "note", "amount", "when", "flag"], table.Columns.Select(c => c.Name));
        var name = Assert.IsType<StringColumn>(table["name"]);
        Assert.Equal("Smith; John", name[0]);
        Assert.Equal("O\"Brien", name[1]);
        Assert.Equal("line one\nline two", ((StringColumn)table["note"])[0]);
        Assert.True(table["note"].IsMissing(1));
        var amount = Assert.IsType<NumericColumn>(table["amount"]);
        Assert.Equal(ColumnType.Numeric, amount.Type);
        Assert.True(double.IsNaN(amount[1]));
        var when = Assert.IsType<DateTimeColumn>(table["when"]);
        Assert.Equal(new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Utc), when[2]);
        Assert.Equal(ColumnType.Boolean, table["flag"].Type);
        Assert.Equal(ColumnType.Identifier, table["id"].Type);
    }

    [Fact]
    public async Task ReadAsync_LendingClubSlice_InfersSensibleTypes()
    {
        var table = await TableReader.ReadAsync(Fixture.Path("real", "lending_club_500.csv"), new TableReadOptions { LabelColumn = "Class" }, Ct);

        Assert.Equal(500, table.RowCount);
        Assert.Equal(23, table.Columns.Count);
        Assert.Equal(ColumnType.Integer, table["funded_amnt"].Type);
        Assert.Equal(ColumnType.Numeric, table["int_rate"].Type);
        Assert.Equal(ColumnType.Categorical, table["addr_state"].Type);
        Assert.Equal(ColumnType.Categorical, table["Class"].Type);
        Assert.Equal(ColumnType.Categorical, table["term"].Type);
    }

    [Fact]
    public async Task ReadAsync_ColumnTurnsTextLate_RereadsEarlierRowsExactly()
    {
        var path = Fixture.TempFile("late.csv");
        var lines = new List<string> { "code,x" };
        lines.AddRange(Enumerable.Range(0, 5000).Select(i => $"{i},{i}"));
        lines.Add("A-17,5000");
        await File.WriteAllLinesAsync(path, lines, Ct);

        var table = await TableReader.ReadAsync(path, cancellationToken: Ct);

        var code = Assert.IsType<StringColumn>(table["code"]);
        Assert.Equal("0", code[0]);
        Assert.Equal("4999", code[4999]);
        Assert.Equal("A-17", code[5000]);
        Assert.Equal(ColumnType.Integer, table["x"].Type);
    }

    [Fact]
    public async Task ReadAsync_LeadingZeroCodes_StayText()
    {
        var path = Fixture.TempFile("zip.csv");
        await File.WriteAllTextAsync(path, "zip,n\n02134,1\n10001,2\n02134,3\n", Ct);

        var table = await TableReader.ReadAsync(path, cancellationToken: Ct);

        Assert.Equal("02134", ((StringColumn)table["zip"])[0]);
    }

    [Fact]
    public async Task ReadAsync_SchemaOverride_ForcesTypeAndRejectsBadValueWithRow()
    {
        var path = Fixture.TempFile("schema.csv");
        await File.WriteAllTextAsync(path, "a,b\n1,x\n2,y\nthree,z\n", Ct);

        var asText = await TableReader.ReadAsync(path, new TableReadOptions { Schema = new Dictionary<string, ColumnType> { ["b"] = ColumnType.Text } }, Ct);
        Assert.Equal(ColumnType.Text, asText["b"].Type);

        var ex = await Assert.ThrowsAsync<LatentOpsException>(() =>
            TableReader.ReadAsync(path, new TableReadOptions { Schema = new Dictionary<string, ColumnType> { ["a"] = ColumnType.Integer } }, Ct));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains("row 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("column 'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Parquet_ReadsSuperstoreWithTypes()
    {
        var table = await TableReader.ReadAsync(Fixture.Path("real", "superstore.parquet"), cancellationToken: Ct);

        Assert.Equal(9994, table.RowCount);
        Assert.Equal(21, table.Columns.Count);
        Assert.True(table["Sales"].Schema.IsNumeric);
        Assert.Equal(ColumnType.Categorical, table["Region"].Type);
        Assert.Equal(ColumnType.DateTime, table["Order Date"].Type);
    }

    [Fact]
    public async Task ReadAsync_JsonLinesGzip_ReadsSpamWithTextColumn()
    {
        var table = await TableReader.ReadAsync(Fixture.Path("real", "spam_assassin_40.jsonl.gz"), new TableReadOptions { LabelColumn = "label" }, Ct);

        Assert.Equal(40, table.RowCount);
        Assert.Equal(["id", "group", "label", "text"], table.Columns.Select(c => c.Name));
        Assert.Equal(ColumnType.Text, table["text"].Type);
        Assert.Equal(ColumnType.Identifier, table["id"].Type);
        Assert.Equal("00001", ((StringColumn)table["id"])[0]);
        Assert.Equal(ColumnType.Categorical, table["label"].Type);
    }

    [Fact]
    public async Task ReadAsync_IdxImages_JoinsSiblingLabels()
    {
        var table = await TableReader.ReadAsync(Fixture.Path("real", "t10k-images-idx3-ubyte.gz"), cancellationToken: Ct);

        Assert.Equal(200, table.RowCount);
        Assert.Equal(785, table.Columns.Count);
        Assert.Equal("label", table.Columns[^1].Name);
        Assert.Equal(9, ((NumericColumn)table["label"])[0]); // The first Fashion-MNIST test image is an ankle boot.
        Assert.InRange(((NumericColumn)table["pixel_400"]).Values.ToArray().Max(), 1, 255);
    }

    [Theory]
    [InlineData("ragged.csv", "row 2", "3 columns")]
    [InlineData("unbalanced_quote.csv", "row 1", "unbalanced quotes")]
    [InlineData("invalid_utf8.csv", "row 2", "column 'city'")]
    [InlineData("empty.csv", "row 0", "empty")]
    [InlineData("header_only.csv", "row 1", "no data rows")]
    [InlineData("duplicate_columns.csv", "column 3", "'a' repeats column 1")]
    [InlineData("big_field.csv.gz", "row 2", "column 'text'")]
    public async Task ReadAsync_BadInput_ThrowsInvalidInputNamingFileRowAndColumn(string file, string where, string what)
    {
        var path = Fixture.Path("bad", file);

        var ex = await Assert.ThrowsAsync<LatentOpsException>(() => TableReader.ReadAsync(path, cancellationToken: Ct));

        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
        Assert.Contains(what, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MissingLabelColumn_ThrowsNamingColumnsThereAre()
    {
        var ex = await Assert.ThrowsAsync<LatentOpsException>(() =>
            TableReader.ReadAsync(Fixture.Path("real", "lending_club_500.csv"), new TableReadOptions { LabelColumn = "target" }, Ct));

        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains("lending_club_500.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("label column 'target'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Class'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x.csv", TableFormat.Csv)]
    [InlineData("x.tsv.gz", TableFormat.Csv)]
    [InlineData("x.parquet", TableFormat.Parquet)]
    [InlineData("x.jsonl.gz", TableFormat.JsonLines)]
    [InlineData("train-images-idx3-ubyte.gz", TableFormat.Idx)]
    public void DetectFormat_FileName_PicksFormat(string name, TableFormat expected) =>
        Assert.Equal(expected, TableReader.DetectFormat(name));
}
