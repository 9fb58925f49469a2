using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Serving.Inference;

/// <summary>
/// Reads the rows of a request to an image model. Each row is a JSON object holding one grey image in
/// either form:
/// <list type="bullet">
/// <item><c>{"pixels": [p0, p1, ...]}</c>: the Height*Width pixel values row-major, or Height arrays of
/// Width values (<c>[[...], [...]]</c>, e.g. a numpy image's <c>tolist()</c>);</item>
/// <item><c>{"pixel_0": p0, "pixel_1": p1, ...}</c>: the signature's columns, as for a tabular model.</item>
/// </list>
/// Every value is checked as <see cref="RequestEncoder"/> checks a number column: a finite JSON number,
/// whole when the column is an integer column (8-bit images are); a wrong count, a non-number, a
/// missing pixel are reported by field path (<c>rows[0].pixels[17]</c>, <c>rows[0].pixels</c>,
/// <c>rows[2].pixel_5</c>). The pixels are scaled exactly as the model's fitted preprocessing does
/// (<c>clip((v - center) / scale, -clip, clip)</c> per pixel column, in double, then float32). Other
/// fields of a row (an id, say) are ignored. Built once per served model version; safe for concurrent use.
/// </summary>
internal sealed class ImageRequestEncoder : JsonRowsEncoder
{
    private readonly int _height;
    private readonly int _width;
    private readonly int _size;
    private readonly string[] _names;
    private readonly ColumnType[] _types;
    private readonly bool[] _nullable;
    private readonly double[] _center;
    private readonly double[] _scale;
    private readonly double _clip;

    /// <summary>Prepares the reader for an image model's signature and pixel preprocessing.</summary>
    /// <exception cref="LatentOpsException">InvalidState when the preprocessing is not one numeric column per pixel of the signature.</exception>
    public ImageRequestEncoder(IReadOnlyList<InputColumn> inputs, FittedPreprocessor preprocessor, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(preprocessor);
        _height = height;
        _width = width;
        _size = height * width;
        if (preprocessor.Columns.Count != _size || preprocessor.Columns.Any(c => c.Kind != ColumnEncodingKind.Numeric || c.MissingIndicator))
        {
            throw LatentOpsException.InvalidState($"The image model's preprocessing has {preprocessor.Columns.Count} columns; a {height}x{width} image model needs {_size} numeric pixel columns; re-package the model.");
        }

        _names = new string[_size];
        _types = new ColumnType[_size];
        _nullable = new bool[_size];
        _center = new double[_size];
        _scale = new double[_size];
        _clip = preprocessor.ClipValue;
        for (var p = 0; p < _size; p++)
        {
            var encoding = preprocessor.Columns[p];
            var input = inputs.FirstOrDefault(i => i.Name == encoding.Column)
                ?? throw LatentOpsException.InvalidState($"The model's preprocessing needs column '{encoding.Column}' but its signature does not list it; re-package the model.");
            _names[p] = input.Name;
            _types[p] = input.Type;
            _nullable[p] = input.Nullable;
            _center[p] = encoding.Center;
            _scale[p] = encoding.Scale;
        }
    }

    private string Shape => string.Create(CultureInfo.InvariantCulture, $"{_size} numbers (one {_height}x{_width} grey image, row-major) or {_height} arrays of {_width}");

    protected override string ExampleBody => "{\"rows\": [{\"pixels\": [...]}]}";

    protected override string RowDescription => "one image per row, e.g. {\"pixels\": [...]}";

    protected override EncodedRows ReadRows(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, int maxRows, bool keepRows, bool logRows)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw NotAnArray(KindOf(reader.TokenType));
        }

        var start = checked((int)reader.TokenStartIndex);
        var state = new RowsState(this, Math.Clamp(source.Length / (_size * 2), 1, Math.Min(maxRows, 4096)), keepRows);
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (index >= maxRows)
            {
                reader.Skip(); // Counted for the message, not read.
            }
            else if (reader.TokenType != JsonTokenType.StartObject)
            {
                state.AddError($"rows[{index}]", $"must be an object with the image's pixels (e.g. {{\"pixels\": [...]}}); got {KindOf(reader.TokenType)}");
                reader.Skip();
            }
            else
            {
                ReadRow(ref reader, state, index);
            }

            index++;
        }

        if (index == 0 || index > maxRows)
        {
            throw LatentOpsException.InvalidInput($"'rows' has {index} rows; allowed: 1 to {maxRows} per request.");
        }

        if (state.Errors is { } errors)
        {
            throw new RowValidationException(errors);
        }

        var built = state.Build(index);
        if (!logRows)
        {
            return built;
        }

        // The log stores pixel_K columns (what monitoring reads): rows sent as exactly those columns are
        // logged as sent, anything else (the compact form, other fields) is rewritten by RewriteForLog.
        var rows = source[start..checked((int)reader.BytesConsumed)];
        return built with { Log = LoggableRows.Copy(rows, index, state.Dirty ? this : null) };
    }

    public override byte[] RewriteForLog(ReadOnlySpan<byte> rows, Func<string, string> redact)
    {
        var buffer = new ArrayBufferWriter<byte>(rows.Length + 64);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            var reader = new Utf8JsonReader(rows);
            reader.Read();
            json.WriteStartArray();
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                json.WriteStartObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("pixels"u8))
                    {
                        reader.Read();
                        var pixel = 0;
                        WritePixels(ref reader, json, ref pixel);
                        continue;
                    }

                    var index = PixelIndex(ref reader);
                    reader.Read();
                    if (index < 0)
                    {
                        reader.Skip();
                        continue;
                    }

                    json.WritePropertyName(_names[index]);
                    json.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the (validated) values of a <c>pixels</c> array, flat or nested, as pixel_K properties.</summary>
    private void WritePixels(ref Utf8JsonReader reader, Utf8JsonWriter json, ref int pixel)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                WritePixels(ref reader, json, ref pixel);
                continue;
            }

            json.WritePropertyName(_names[pixel++]);
            json.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
        }
    }

    private void ReadRow(ref Utf8JsonReader reader, RowsState state, int row)
    {
        var values = state.Row;
        var cells = state.Cells;
        Array.Fill(values, double.NaN);
        Array.Clear(cells);
        var compact = false;
        var columns = 0;
        var errorsBefore = state.ErrorCount;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("pixels"u8))
            {
                reader.Read();
                compact = true;
                state.Dirty = true;
                ReadPixels(ref reader, state, row);
                continue;
            }

            var pixel = PixelIndex(ref reader);
            reader.Read();
            if (pixel < 0)
            {
                state.Dirty = true;
                reader.Skip();
                continue;
            }

            columns++;
            if (reader.TokenType == JsonTokenType.Null)
            {
                cells[pixel] = CellState.Null;
                continue;
            }

            if (ReadValue(ref reader, state, pixel) is { } problem)
            {
                state.AddError($"rows[{row}].{_names[pixel]}", problem);
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        if (compact && columns > 0)
        {
            state.AddError($"rows[{row}]", $"give the image either as 'pixels' or as the columns {_names[0]} ... {_names[^1]}, not both");
        }
        else if (!compact && columns == 0)
        {
            state.AddError($"rows[{row}]", $"has no image: give 'pixels' ({Shape}) or the columns {_names[0]} ... {_names[^1]}");
        }
        else if (!compact && state.ErrorCount == errorsBefore)
        {
            for (var p = 0; p < _size; p++)
            {
                if (cells[p] != CellState.Value && !_nullable[p])
                {
                    state.AddError($"rows[{row}].{_names[p]}", "is required and may not be null");
                }
            }
        }

        state.Commit(row);
    }

    /// <summary>Reads the value of <c>pixels</c>: a flat array of Height*Width numbers or Height arrays of Width.</summary>
    private void ReadPixels(ref Utf8JsonReader reader, RowsState state, int row)
    {
        var path = $"rows[{row}].pixels";
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            state.AddError(path, $"must be an array of {Shape}; got {Describe(ref reader)}");
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                reader.Skip();
            }

            return;
        }

        var count = 0;
        var nested = false;
        var wrongRows = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count == 0 && reader.TokenType == JsonTokenType.StartArray)
            {
                nested = true;
            }

            if (!nested)
            {
                if (count < _size && ReadValue(ref reader, state, count) is { } problem)
                {
                    state.AddError($"{path}[{count}]", problem);
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                count++;
                continue;
            }

            // Nested: element `count` is image row `count`.
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                state.AddError($"{path}[{count}]", $"must be an array of {_width} pixel values (one image row); got {Describe(ref reader)}");
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    reader.Skip();
                }

                count++;
                continue;
            }

            var column = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (count < _height && column < _width && ReadValue(ref reader, state, (count * _width) + column) is { } problem)
                {
                    state.AddError($"{path}[{count}][{column}]", problem);
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                column++;
            }

            if (column != _width)
            {
                wrongRows.Add(string.Create(CultureInfo.InvariantCulture, $"pixels[{count}] has {column}"));
            }

            count++;
        }

        if (!nested && count != _size)
        {
            state.AddError(path, string.Create(CultureInfo.InvariantCulture, $"has {count} values; allowed: exactly {Shape}"));
        }
        else if (nested && (count != _height || wrongRows.Count > 0))
        {
            var detail = count != _height ? $"{count} rows" : string.Join(", ", wrongRows.Take(3));
            state.AddError(path, string.Create(CultureInfo.InvariantCulture, $"has {detail}; allowed: exactly {Shape}"));
        }
    }

    /// <summary>Reads one pixel value at the reader into the row; returns why it is not one, or null.</summary>
    private string? ReadValue(ref Utf8JsonReader reader, RowsState state, int pixel)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            // Pixels are small integers: the integer parse is the fast path, the double parse the general one.
            if (!reader.HasValueSequence && reader.TryGetInt32(out var whole))
            {
                state.Row[pixel] = whole;
                state.Cells[pixel] = CellState.Value;
                return null;
            }

            if (reader.TryGetDouble(out var number) && double.IsFinite(number))
            {
                if (_types[pixel] == ColumnType.Integer && number != Math.Floor(number))
                {
                    state.Cells[pixel] = CellState.Problem;
                    return $"must be a whole number; got {Describe(ref reader)}";
                }

                state.Row[pixel] = number;
                state.Cells[pixel] = CellState.Value;
                return null;
            }
        }

        state.Cells[pixel] = CellState.Problem;
        return $"must be a finite number; got {Describe(ref reader)}";
    }

    /// <summary>The pixel a property names (<c>pixel_K</c> of the signature), or -1.</summary>
    private int PixelIndex(ref Utf8JsonReader reader)
    {
        Span<byte> name = stackalloc byte[32];
        if (reader.ValueIsEscaped || reader.ValueSpan.Length > name.Length)
        {
            return -1;
        }

        var span = reader.ValueSpan;
        if (!span.StartsWith("pixel_"u8) || !int.TryParse(span[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _size)
        {
            return -1;
        }

        // pixel_07 is not pixel_7.
        return Encoding.UTF8.GetByteCount(_names[index]) == span.Length && reader.ValueTextEquals(_names[index]) ? index : -1;
    }

    private enum CellState : byte
    {
        Absent,
        Null,
        Value,
        Problem,
    }

    /// <summary>The growing output of one request: scaled pixels, raw rows when kept, problems.</summary>
    private sealed class RowsState(ImageRequestEncoder owner, int capacity, bool keepRows)
    {
        private float[] _numeric = new float[capacity * owner._size];
        private double[]? _raw = keepRows ? new double[capacity * owner._size] : null;
        private int _capacity = capacity;

        public double[] Row { get; } = new double[owner._size];

        public CellState[] Cells { get; } = new CellState[owner._size];

        public Dictionary<string, string[]>? Errors { get; private set; }

        public int ErrorCount { get; private set; }

        /// <summary>True when a row is not exactly pixel_K columns (the request log rewrites the rows).</summary>
        public bool Dirty { get; set; }

        public void AddError(string path, string problem)
        {
            ErrorCount++;
            Errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (Errors.Count < RowBinder.MaxReportedErrors)
            {
                Errors[path] = [problem];
            }
        }

        public void Commit(int row)
        {
            if (Errors is not null)
            {
                return; // Nothing is encoded for a request that will be refused.
            }

            if (row >= _capacity)
            {
                _capacity *= 2;
                Array.Resize(ref _numeric, _capacity * owner._size);
                if (_raw is not null)
                {
                    Array.Resize(ref _raw, _capacity * owner._size);
                }
            }

            var size = owner._size;
            var output = _numeric.AsSpan(row * size, size);
            for (var p = 0; p < size; p++)
            {
                var value = Row[p];
                output[p] = (float)(double.IsNaN(value) ? 0 : Math.Clamp((value - owner._center[p]) / owner._scale[p], -owner._clip, owner._clip));
            }

            if (_raw is not null)
            {
                Row.CopyTo(_raw.AsSpan(row * size, size));
            }
        }

        public EncodedRows Build(int rows)
        {
            var size = owner._size;
            var numeric = _numeric.Length == rows * size ? _numeric : _numeric[..(rows * size)];
            var encoded = new EncodedTable(rows, size, 0, numeric, []);
            Table? table = null;
            if (_raw is not null)
            {
                var columns = new Column[size];
                for (var p = 0; p < size; p++)
                {
                    var values = new double[rows];
                    for (var r = 0; r < rows; r++)
                    {
                        values[r] = _raw[(r * size) + p];
                    }

                    columns[p] = new NumericColumn(owner._names[p], values, owner._types[p]);
                }

                table = new Table(columns);
            }

            return new EncodedRows(rows, encoded, table, Empty);
        }

        private static readonly Dictionary<string, int> Empty = new(StringComparer.Ordinal);
    }
}
