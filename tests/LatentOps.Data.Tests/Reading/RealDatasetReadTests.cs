using LatentOps.Core.Tables;
using LatentOps.Data.Reading;

namespace LatentOps.Data.Tests.Reading;

/// <summary>The real datasets in ../shared/datasets read with sensible types (skipped when that folder is absent).</summary>
public sealed class RealDatasetReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_Birdstrikes_TypesMatchTheData()
    {
        var table = await ReadShared(["tabular", "birdstrikes.csv"], new TableReadOptions { LabelColumn = "Effect Amount of damage", TimeColumn = "Flight Date" });

        Assert.Equal(10000, table.RowCount); // PROVENANCE.md says 9,999; the file holds 10,000 data rows (Python csv agrees).
        Assert.Equal(ColumnType.DateTime, table["Flight Date"].Type);
        Assert.Equal(ColumnType.Categorical, table["Origin State"].Type);
        Assert.Equal(ColumnType.Categorical, table["Effect Amount of damage"].Type);
        Assert.True(table["Cost Total $"].Schema.IsNumeric);
        Assert.True(table["Speed IAS in knots"].Schema.IsNumeric);
    }

    [Fact]
    public async Task ReadAsync_CreditData_TypesAndMissingValues()
    {
        var table = await ReadShared(["tabular", "credit_data.csv"], new TableReadOptions { LabelColumn = "Status" });

        Assert.Equal(4454, table.RowCount);
        Assert.Equal(ColumnType.Categorical, table["Status"].Type);
        Assert.Equal(ColumnType.Integer, table["Income"].Type);
        Assert.True(table["Income"].MissingCount > 0);
        Assert.Equal(ColumnType.Categorical, table["Home"].Type);
    }

    [Fact]
    public async Task ReadAsync_LendingClub_AllColumns()
    {
        var table = await ReadShared(["tabular", "lending_club.csv"], new TableReadOptions { LabelColumn = "Class" });

        Assert.Equal(9857, table.RowCount);
        Assert.Equal(23, table.Columns.Count);
        Assert.Equal(5 + 1, table.Columns.Count(c => c.Type == ColumnType.Categorical)); // term, sub_grade, addr_state, verification_status, emp_length + Class
        Assert.Equal(ColumnType.Numeric, table["annual_inc"].Type);
    }

    [Fact]
    public async Task ReadAsync_SuperstoreCsvAndParquet_AgreeOnTypes()
    {
        var csv = await ReadShared(["sales", "superstore.csv"], new TableReadOptions());
        var parquet = await ReadShared(["sales", "superstore.parquet"], new TableReadOptions());

        Assert.Equal(9994, csv.RowCount);
        Assert.Equal(ColumnType.Identifier, csv["Row ID"].Type);
        Assert.Equal(ColumnType.DateTime, csv["Order Date"].Type);
        Assert.Equal(ColumnType.Numeric, csv["Sales"].Type);
        Assert.Equal(ColumnType.Categorical, csv["Category"].Type);
        Assert.Equal(csv.RowCount, parquet.RowCount);
        Assert.Equal(csv["Order Date"].Type, parquet["Order Date"].Type);
        Assert.Equal(csv["Category"].Type, parquet["Category"].Type);
    }

    [Fact]
    public async Task ReadAsync_SpamJsonl_TextAndLabel()
    {
        var table = await ReadShared(["text", "spam_assassin.jsonl.gz"], new TableReadOptions { LabelColumn = "label" });

        Assert.Equal(6046, table.RowCount);
        Assert.Equal(ColumnType.Text, table["text"].Type);
        Assert.Equal(ColumnType.Categorical, table["group"].Type);
    }

    [Fact]
    public async Task ReadAsync_FashionMnistTest_ImagesWithLabels()
    {
        var table = await ReadShared(["images", "fashion-mnist", "t10k-images-idx3-ubyte.gz"], new TableReadOptions());

        Assert.Equal(10000, table.RowCount);
        Assert.Equal(28 * 28 + 1, table.Columns.Count);
        Assert.Equal(10, ((NumericColumn)table["label"]).Values.ToArray().Distinct().Count());
    }

    private static async Task<Table> ReadShared(string[] parts, TableReadOptions options)
    {
        var path = Fixture.Shared(parts);
        Assert.SkipWhen(path is null, $"../shared/datasets/{string.Join('/', parts)} is not present on this machine.");
        return await TableReader.ReadAsync(path!, options, Ct);
    }
}
