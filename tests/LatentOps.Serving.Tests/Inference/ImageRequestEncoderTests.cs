using System.Globalization;
using System.Text;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Learning.Preprocessing;
using LatentOps.Serving.Inference;

namespace LatentOps.Serving.Tests.Inference;

public sealed class ImageRequestEncoderTests
{
    private const int Side = 28;
    private const int Size = Side * Side;

    private static readonly InputColumn[] Inputs =
        [.. Enumerable.Range(0, Size).Select(p => new InputColumn(Name(p), ColumnType.Integer, Nullable: false))];

    // As ImagePreprocessing fits it for 8-bit images: center 0, scale 255, clip 1, no missing indicator.
    private static readonly FittedPreprocessor Preprocessor = new()
    {
        ClipValue = 1,
        Columns = [.. Enumerable.Range(0, Size).Select(p => new ColumnEncoding { Column = Name(p), SourceType = ColumnType.Integer, Kind = ColumnEncodingKind.Numeric, Center = 0, Scale = 255 })],
    };

    private static readonly ImageRequestEncoder Encoder = new(Inputs, Preprocessor, Side, Side);

    private static string Name(int p) => string.Create(CultureInfo.InvariantCulture, $"pixel_{p}");

    private static async Task<Table> FashionAsync(int rows) =>
        (await TableReader.ReadAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fashion-mnist-500", "train-images-idx3-ubyte.gz"))).Take([.. Enumerable.Range(0, rows)]);

    private static string CompactRows(Table images) =>
        "[" + string.Join(',', Enumerable.Range(0, images.RowCount).Select(r =>
            "{\"pixels\": [" + string.Join(',', Enumerable.Range(0, Size).Select(p => ((NumericColumn)images[Name(p)])[r].ToString(CultureInfo.InvariantCulture))) + "]}")) + "]";

    [Fact]
    public async Task EncodeBody_CompactRealImages_BitIdenticalToTheTrainingPreprocessing()
    {
        var images = await FashionAsync(20);
        var expected = Preprocessor.Transform(images);

        var encoded = Encoder.EncodeBody(Encoding.UTF8.GetBytes($$"""{"rows": {{CompactRows(images)}}}"""), 100, keepRows: true);

        Assert.Equal(20, encoded.RowCount);
        Assert.Equal((Size, 0), (encoded.Encoded!.NumericWidth, encoded.Encoded.CategoryCount));
        Assert.True(expected.Numeric.AsSpan(0, 20 * Size).SequenceEqual(encoded.Encoded.Numeric.AsSpan(0, 20 * Size)));
        // The typed rows for the request log are the raw pixels under the signature's column names.
        Assert.Equal(Size, encoded.Rows!.Columns.Count);
        Assert.Equal(((NumericColumn)images["pixel_400"])[13], ((NumericColumn)encoded.Rows["pixel_400"])[13]);
    }

    [Fact]
    public void EncodeBody_LoggedRows_CompactFormRewrittenToPixelColumnsOtherFieldsDropped()
    {
        var nested = "[" + string.Join(',', Enumerable.Range(0, Side).Select(r => "[" + string.Join(',', Enumerable.Range(0, Side).Select(c => ((r * Side) + c) % 256)) + "]")) + "]";
        var columns = "{" + string.Join(',', Enumerable.Range(0, Size).Select(p => $"\"{Name(p)}\": 7")) + "}";

        var compact = Encoder.EncodeBody(Encoding.UTF8.GetBytes($$"""{"rows": [{"note": "jane.doe@example.com", "pixels": {{nested}}}]}"""), 10, keepRows: false, logRows: true);
        var plain = Encoder.EncodeBody(Encoding.UTF8.GetBytes($$"""{"rows": [{{columns}}]}"""), 10, keepRows: false, logRows: true);

        var logged = compact.Log!.ToLogJson(value => "[REDACTED]");
        Assert.False(compact.Log.Verbatim);
        Assert.StartsWith("[{\"pixel_0\":0,\"pixel_1\":1,", logged, StringComparison.Ordinal);
        Assert.Contains("\"pixel_783\":15}]", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", logged, StringComparison.Ordinal);
        Assert.True(plain.Log!.Verbatim);
        Assert.Equal($"[{columns}]", plain.Log.ToLogJson(value => value));
    }

    [Fact]
    public void EncodeRows_OutOfRangePixels_ClippedAsTrainingClips()
    {
        var pixels = Enumerable.Repeat("0", Size).ToArray();
        pixels[0] = "510";
        pixels[1] = "-255";
        pixels[2] = "51";

        var encoded = Encoder.EncodeRows(Encoding.UTF8.GetBytes($$"""[{"pixels": [{{string.Join(',', pixels)}}]}]"""), 10, keepRows: false);

        Assert.Equal([1f, -1f, 0.2f, 0f], encoded.Encoded!.Numeric[..4]);
        Assert.Null(encoded.Rows);
    }

    [Fact]
    public void EncodeRows_MoreRowsThanAllowed_SaysHowManyAreAllowed()
    {
        var row = $$"""{"pixels": [{{string.Join(',', Enumerable.Repeat("0", Size))}}]}""";

        var error = Assert.Throws<LatentOpsException>(() => Encoder.EncodeRows(Encoding.UTF8.GetBytes($"[{row},{row},{row}]"), 2, keepRows: false));

        Assert.Equal("'rows' has 3 rows; allowed: 1 to 2 per request.", error.Message);
    }

    [Fact]
    public void EncodeRows_ManyBadPixels_ReportsAtMostTheLimit()
    {
        var row = $$"""{"pixels": [{{string.Join(',', Enumerable.Repeat("\"x\"", Size))}}]}""";

        var error = Assert.Throws<RowValidationException>(() => Encoder.EncodeRows(Encoding.UTF8.GetBytes($"[{row}]"), 2, keepRows: false));

        Assert.Equal(RowBinder.MaxReportedErrors, error.Errors.Count);
        Assert.Equal("must be a finite number; got the string 'x'", error.Errors["rows[0].pixels[0]"][0]);
    }
}
