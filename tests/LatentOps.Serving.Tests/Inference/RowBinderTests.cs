using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Serving.Inference;

namespace LatentOps.Serving.Tests.Inference;

public sealed class RowBinderTests
{
    private static readonly InputColumn[] Inputs =
    [
        new("funded_amnt", ColumnType.Numeric, Nullable: false),
        new("delinq_2yrs", ColumnType.Integer, Nullable: true),
        new("addr_state", ColumnType.Categorical, Nullable: true),
        new("verified", ColumnType.Boolean, Nullable: true),
        new("issued", ColumnType.DateTime, Nullable: true),
    ];

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void Bind_ValidRows_BuildsTypedTableAndIgnoresUnusedFields()
    {
        var table = RowBinder.Bind(Json("""
            [{"funded_amnt": 16100, "delinq_2yrs": 0, "addr_state": "CT", "verified": true, "issued": "2016-01-05", "note": "ignored"},
             {"funded_amnt": 32000.5, "addr_state": null}]
            """), Inputs, maxRows: 10);

        Assert.Equal(2, table.RowCount);
        Assert.Equal(32000.5, ((NumericColumn)table["funded_amnt"])[1]);
        Assert.True(table["delinq_2yrs"].IsMissing(1));
        Assert.Equal("CT", table["addr_state"].GetValue(0));
        Assert.Equal(1.0, ((NumericColumn)table["verified"])[0]);
        Assert.Equal(new DateTime(2016, 1, 5, 0, 0, 0, DateTimeKind.Utc), ((DateTimeColumn)table["issued"])[0]);
        Assert.False(table.Contains("note"));
    }

    [Fact]
    public void Bind_NumericCategory_IsAcceptedAsItsText()
    {
        var table = RowBinder.Bind(Json("""[{"funded_amnt": 1, "addr_state": 42420}]"""), Inputs, 10);

        Assert.Equal("42420", table["addr_state"].GetValue(0));
    }

    [Fact]
    public void Bind_BadFields_ReportsEachByPathAndWhatIsAllowed()
    {
        var error = Assert.Throws<RowValidationException>(() => RowBinder.Bind(Json("""
            [{"delinq_2yrs": 1.5},
             {"funded_amnt": "lots", "issued": "yesterday"},
             {"funded_amnt": null, "verified": "yes"}]
            """), Inputs, 10));

        Assert.Equal("is required and may not be null", error.Errors["rows[0].funded_amnt"][0]);
        Assert.Contains("whole number", error.Errors["rows[0].delinq_2yrs"][0], StringComparison.Ordinal);
        Assert.Contains("finite number; got the string 'lots'", error.Errors["rows[1].funded_amnt"][0], StringComparison.Ordinal);
        Assert.Contains("ISO-8601", error.Errors["rows[1].issued"][0], StringComparison.Ordinal);
        Assert.Contains("true or false", error.Errors["rows[2].verified"][0], StringComparison.Ordinal);
        Assert.True(error.Errors.ContainsKey("rows[2].funded_amnt"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("[{\"funded_amnt\":1},{\"funded_amnt\":2},{\"funded_amnt\":3}]")]
    public void Bind_NotAnArrayOrWrongCount_IsInvalidInputNamingTheLimit(string rows)
    {
        var error = Assert.Throws<LatentOpsException>(() => RowBinder.Bind(Json(rows), Inputs, maxRows: 2));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_RowNotAnObject_NamesTheRow()
    {
        var error = Assert.Throws<RowValidationException>(() => RowBinder.Bind(Json("[[1,2]]"), Inputs, 10));

        Assert.True(error.Errors.ContainsKey("rows[0]"));
    }

    [Fact]
    public void Bind_ManyBadRows_ReportsAtMostTheLimit()
    {
        var rows = "[" + string.Join(',', Enumerable.Repeat("""{"funded_amnt":"x"}""", 100)) + "]";

        var error = Assert.Throws<RowValidationException>(() => RowBinder.Bind(Json(rows), Inputs, 1000));

        Assert.Equal(RowBinder.MaxReportedErrors, error.Errors.Count);
    }
}
