using System.Text;
using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Learning.Preprocessing;
using LatentOps.Serving.Inference;

namespace LatentOps.Serving.Tests.Inference;

public sealed class RequestEncoderTests
{
    private static readonly InputColumn[] Inputs =
    [
        new("funded_amnt", ColumnType.Numeric, Nullable: false),
        new("delinq_2yrs", ColumnType.Integer, Nullable: true),
        new("addr_state", ColumnType.Categorical, Nullable: true),
        new("verified", ColumnType.Boolean, Nullable: true),
        new("issued", ColumnType.DateTime, Nullable: true),
    ];

    private static readonly FittedPreprocessor Preprocessor = new()
    {
        ClipValue = 3,
        Columns =
        [
            new ColumnEncoding { Column = "funded_amnt", SourceType = ColumnType.Numeric, Kind = ColumnEncodingKind.Numeric, Center = 10_000, Scale = 5_000, MissingIndicator = false },
            new ColumnEncoding { Column = "delinq_2yrs", SourceType = ColumnType.Integer, Kind = ColumnEncodingKind.Numeric, Center = 0, Scale = 1, MissingIndicator = true },
            new ColumnEncoding { Column = "addr_state", SourceType = ColumnType.Categorical, Kind = ColumnEncodingKind.Categorical, Vocabulary = ["CA", "CT", "NY", "42420", "ops@example.com"], EmbeddingDimension = 3 },
            new ColumnEncoding { Column = "verified", SourceType = ColumnType.Boolean, Kind = ColumnEncodingKind.Numeric, Center = 0.5, Scale = 0.5, MissingIndicator = true },
            new ColumnEncoding { Column = "issued", SourceType = ColumnType.DateTime, Kind = ColumnEncodingKind.DateTime, Center = 2015, Scale = 2, MissingIndicator = true },
        ],
    };

    private static readonly RequestEncoder Encoder = new(Inputs, Preprocessor);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static EncodedTable Reference(string rowsJson) =>
        Preprocessor.Transform(RowBinder.Bind(JsonDocument.Parse(rowsJson).RootElement, Inputs, 10_000));

    private static void AssertSame(EncodedTable expected, EncodedTable actual)
    {
        Assert.Equal((expected.Rows, expected.NumericWidth, expected.CategoryCount), (actual.Rows, actual.NumericWidth, actual.CategoryCount));
        Assert.Equal(expected.Numeric, actual.Numeric);
        Assert.Equal(expected.Categories, actual.Categories);
    }

    [Fact]
    public void EncodeBody_MixedRows_EqualsPreprocessorTransformOfTheBoundRows()
    {
        // Out-of-order fields, ignored fields (one nested), nulls, absent fields, escaped text, a numeric
        // category, an unknown category, clipping, a date-time with a time of day.
        const string rows = """
            [{"funded_amnt": 16100, "delinq_2yrs": 0, "addr_state": "CT", "verified": true, "issued": "2016-01-05"},
             {"issued": "2014-07-31T18:45:00Z", "note": {"a": [1, 2, {"b": null}]}, "addr_state": "C\u0054", "funded_amnt": 32000.5},
             {"funded_amnt": -1e6, "delinq_2yrs": null, "addr_state": 42420, "verified": false, "issued": null},
             {"funded_amnt": 0, "addr_state": "Atlantis", "extra": "x"},
             {"funded_amnt": 1, "addr_state": null, "verified": 1}]
            """;

        var encoded = Encoder.EncodeBody(Utf8($$"""{"model": "ignored", "rows": {{rows}}}"""), 100, keepRows: false);

        AssertSame(Reference(rows), encoded.Encoded!);
        Assert.Null(encoded.Rows);
        Assert.Equal(5, encoded.RowCount);
        Assert.Equal(1, Assert.Single(encoded.UnknownCategories).Value);
    }

    [Fact]
    public async Task EncodeBody_SampleLendingClubRows_EqualsFittedPreprocessorTransform()
    {
        var table = await TableReader.ReadAsync(Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv"), cancellationToken: TestContext.Current.CancellationToken);
        var rows = table.Take([.. Enumerable.Range(0, 300)]).Drop(["Class"]);
        var fitted = new TabularPreprocessor().Fit(rows);
        var inputs = fitted.Columns.Select(c => new InputColumn(c.Column, c.SourceType, Nullable: true)).ToArray();
        var body = Utf8("{\"rows\":" + LatentOps.Serving.RequestLogging.RequestLogger.RowsJson(rows) + "}");

        var encoded = new RequestEncoder(inputs, fitted).EncodeBody(body, 1000, keepRows: true);

        AssertSame(fitted.Transform(rows), encoded.Encoded!);
        Assert.Equal(300, encoded.Rows!.RowCount);
        Assert.Equal(LatentOps.Serving.RequestLogging.RequestLogger.RowsJson(rows.Select(inputs.Select(i => i.Name))), LatentOps.Serving.RequestLogging.RequestLogger.RowsJson(encoded.Rows));
    }

    [Fact]
    public async Task EncodeBody_LogRowsOfSampleLendingClubRows_LoggedVerbatimAndBindToTheSameRows()
    {
        var table = await TableReader.ReadAsync(Path.Combine(AppContext.BaseDirectory, "samples", "lending_club.csv"), cancellationToken: TestContext.Current.CancellationToken);
        var rows = table.Take([.. Enumerable.Range(0, 300)]).Drop(["Class"]);
        var fitted = new TabularPreprocessor().Fit(rows);
        var inputs = fitted.Columns.Select(c => new InputColumn(c.Column, c.SourceType, Nullable: true)).ToArray();
        var rowsJson = LatentOps.Serving.RequestLogging.RequestLogger.RowsJson(rows.Select(inputs.Select(i => i.Name)));

        var encoded = new RequestEncoder(inputs, fitted).EncodeBody(Utf8("{\"rows\": " + rowsJson + "}"), 1000, keepRows: false, logRows: true);
        var log = encoded.Log!;
        var logged = log.ToLogJson(_ => throw new InvalidOperationException("A verbatim log redacts nothing."));

        Assert.True(log.Verbatim);
        Assert.Null(encoded.Rows);
        Assert.Equal(300, log.RowCount);
        Assert.Equal(rowsJson, logged);
        Assert.Equal(
            LatentOps.Serving.RequestLogging.RequestLogger.RowsJson(RowBinder.Bind(JsonDocument.Parse(rowsJson).RootElement, inputs, 1000)),
            LatentOps.Serving.RequestLogging.RequestLogger.RowsJson(RowBinder.Bind(JsonDocument.Parse(logged).RootElement, inputs, 1000)));
    }

    [Fact]
    public void EncodeBody_LogRowsWithExtraFieldPiiAndUnknownCategory_RewrittenAsPiiDetectorRedactsTheBoundRows()
    {
        const string rows = """[{"funded_amnt": 5000, "name": "Jane Doe", "addr_state": "ops@example.com", "issued": "2016-01-05T10:00:00Z"}, {"funded_amnt": 1.5e4, "addr_state": "write to jane.doe@example.com", "verified": true}, {"funded_amnt": 9000, "delinq_2yrs": null, "addr_state": 4111111111111111}, {"funded_amnt": 7000, "addr_state": "CA"}]""";
        var encoded = Encoder.EncodeBody(Utf8($$"""{"rows": {{rows}}}"""), 10, keepRows: false, logRows: true);
        var log = encoded.Log!;

        var logged = log.ToLogJson(new LatentOps.Serving.RequestLogging.RedactionCache().Redact);
        var expected = LatentOps.Data.Pii.PiiDetector.Redact(RowBinder.Bind(JsonDocument.Parse(rows).RootElement, Inputs, 10)).Table;

        Assert.False(log.Verbatim);
        Assert.Equal(4, log.RowCount);
        Assert.DoesNotContain("Jane", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", logged, StringComparison.Ordinal);
        Assert.Contains("\"issued\":\"2016-01-05T10:00:00Z\"", logged, StringComparison.Ordinal);
        Assert.Equal(
            LatentOps.Serving.RequestLogging.RequestLogger.RowsJson(expected),
            LatentOps.Serving.RequestLogging.RequestLogger.RowsJson(RowBinder.Bind(JsonDocument.Parse(logged).RootElement, Inputs, 10)));
    }

    [Fact]
    public void EncodeBody_WithoutLogRows_KeepsNothingForTheLog()
    {
        var encoded = Encoder.EncodeBody(Utf8("""{"rows": [{"funded_amnt": 5000, "addr_state": "CA"}]}"""), 10, keepRows: false);

        Assert.Null(encoded.Log);
        Assert.Null(encoded.Rows);
    }

    [Fact]
    public void EncodeBody_KeepRows_TypedRowsAsTheSignatureSays()
    {
        var encoded = Encoder.EncodeBody(Utf8("""{"Rows": [{"funded_amnt": 5, "addr_state": 7, "verified": true, "issued": "2016-01-05"}]}"""), 10, keepRows: true);

        var rows = encoded.Rows!;
        Assert.Equal(5.0, ((NumericColumn)rows["funded_amnt"])[0]);
        Assert.True(rows["delinq_2yrs"].IsMissing(0));
        Assert.Equal("7", rows["addr_state"].GetValue(0));
        Assert.Equal(1.0, ((NumericColumn)rows["verified"])[0]);
        Assert.Equal(new DateTime(2016, 1, 5, 0, 0, 0, DateTimeKind.Utc), ((DateTimeColumn)rows["issued"])[0]);
        Assert.Equal(1, encoded.UnknownCategories["addr_state"]);
    }

    [Fact]
    public void EncodeBody_DuplicateField_LastValueWins()
    {
        var encoded = Encoder.EncodeBody(Utf8("""{"rows": [{"funded_amnt": "bad", "funded_amnt": 15000, "delinq_2yrs": 2, "delinq_2yrs": null}]}"""), 10, keepRows: false);

        AssertSame(Reference("""[{"funded_amnt": 15000}]"""), encoded.Encoded!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"rows\": [ {")]
    [InlineData("{\"rows\": [{\"funded_amnt\": 1}]} trailing")]
    [InlineData("{\"rows\": [{\"funded_amnt\": 1,}]}")]
    public void EncodeBody_MalformedOrNotAnObject_IsJsonException(string body)
    {
        Assert.ThrowsAny<JsonException>(() => Encoder.EncodeBody(Utf8(body), 10, keepRows: false));
    }

    [Theory]
    [InlineData("{}", "got undefined")]
    [InlineData("{\"rows\": null}", "got null")]
    [InlineData("{\"rows\": {\"funded_amnt\": 1}}", "got object")]
    [InlineData("{\"rows\": \"x\"}", "got string")]
    [InlineData("{\"rows\": []}", "'rows' has 0 rows; allowed: 1 to 2 per request.")]
    [InlineData("{\"rows\": [{\"funded_amnt\":1},{\"funded_amnt\":2},{\"funded_amnt\":\"x\"}]}", "'rows' has 3 rows; allowed: 1 to 2 per request.")]
    public void EncodeBody_RowsMissingNotAnArrayOrWrongCount_IsInvalidInputNamingRows(string body, string expected)
    {
        var error = Assert.Throws<LatentOpsException>(() => Encoder.EncodeBody(Utf8(body), 2, keepRows: false));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("'rows'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeBody_EveryKindOfBadField_NamedByPathWithWhatIsAllowed()
    {
        const string body = """
            {"rows": [
              {"delinq_2yrs": 1.5, "addr_state": {"code": "CT"}},
              {"funded_amnt": "lots", "issued": "yesterday", "verified": "yes"},
              {"funded_amnt": null, "addr_state": ["CT"], "issued": 20160105},
              [1, 2],
              {"funded_amnt": 1e999, "delinq_2yrs": true, "verified": null}
            ]}
            """;

        var error = Assert.Throws<RowValidationException>(() => Encoder.EncodeBody(Utf8(body), 10, keepRows: false));

        var expected = new Dictionary<string, string>
        {
            ["rows[0].funded_amnt"] = "is required and may not be null",
            ["rows[0].delinq_2yrs"] = "must be a whole number; got the number 1.5",
            ["rows[0].addr_state"] = "must be a string; got a JSON object",
            ["rows[1].funded_amnt"] = "must be a finite number; got the string 'lots'",
            ["rows[1].verified"] = "must be true or false; got the string 'yes'",
            ["rows[1].issued"] = "must be an ISO-8601 date or date-time string such as 2016-11-08; got the string 'yesterday'",
            ["rows[2].funded_amnt"] = "is required and may not be null",
            ["rows[2].addr_state"] = "must be a string; got a JSON array",
            ["rows[2].issued"] = "must be an ISO-8601 date or date-time string such as 2016-11-08; got the number 20160105",
            ["rows[3]"] = "must be an object of column values; got array",
            ["rows[4].funded_amnt"] = "must be a finite number; got the number 1e999",
            ["rows[4].delinq_2yrs"] = "must be a finite number; got the boolean true",
        };
        Assert.Equal(expected.Keys, error.Errors.Keys); // row order, then signature order
        foreach (var (path, message) in expected)
        {
            Assert.Equal(message, error.Errors[path][0]);
        }
    }

    [Fact]
    public void EncodeBody_WholeNumberRequiredButFraction_SaysWholeNumber()
    {
        var error = Assert.Throws<RowValidationException>(() => Encoder.EncodeBody(Utf8("""{"rows": [{"funded_amnt": 1, "delinq_2yrs": 2.5}]}"""), 10, keepRows: false));

        Assert.Equal("must be a whole number; got the number 2.5", error.Errors["rows[0].delinq_2yrs"][0]);
    }

    [Fact]
    public void EncodeBody_LongBadString_IsTruncatedInTheMessage()
    {
        var error = Assert.Throws<RowValidationException>(() => Encoder.EncodeBody(Utf8($$"""{"rows": [{"funded_amnt": "{{new string('x', 100)}}"}]}"""), 10, keepRows: false));

        Assert.Equal($"must be a finite number; got the string '{new string('x', 40)}…'", error.Errors["rows[0].funded_amnt"][0]);
    }

    [Fact]
    public void EncodeBody_ManyRowsOfSmallObjects_GrowsBuffersAndMatchesTransform()
    {
        var rows = "[" + string.Join(',', Enumerable.Range(0, 700).Select(i => $$"""{"funded_amnt":{{i * 37}},"addr_state":"{{(i % 3 == 0 ? "NY" : "CA")}}"}""")) + "]";

        var encoded = Encoder.EncodeRows(Utf8(rows), 1000, keepRows: true);

        AssertSame(Reference(rows), encoded.Encoded!);
        Assert.Equal(700, encoded.Rows!.RowCount);
    }

    [Fact]
    public void New_PreprocessingNeedsAColumnTheSignatureLacks_IsInvalidState()
    {
        var error = Assert.Throws<LatentOpsException>(() => new RequestEncoder(Inputs[1..], Preprocessor));

        Assert.Equal(ErrorCode.InvalidState, error.Code);
        Assert.Contains("funded_amnt", error.Message, StringComparison.Ordinal);
    }
}
