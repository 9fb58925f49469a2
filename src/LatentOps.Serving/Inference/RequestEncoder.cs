using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Data.Pii;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Serving.Inference;

/// <summary>
/// Reads the rows of a request (UTF-8 JSON objects by column name) in one pass with
/// <see cref="Utf8JsonReader"/>, checks every field against the model signature and writes the
/// preprocessed encoder input directly, exactly as <see cref="FittedPreprocessor.Transform"/> would on
/// the rows <see cref="RowBinder"/> builds (no JsonDocument, no intermediate table, no string per
/// category value). The typed rows are built too only when asked for (<see cref="RowBinder"/>); for a
/// request the request log samples, the rows array is kept as sent (<see cref="LoggableRows"/>), marked
/// for rewriting only when a row has a field the model does not read or a string value that is not a
/// training category known to be free of personal data. Problems are reported as <see cref="RowBinder"/> always has: a missing required field, a
/// wrong type, a non-finite number, an unparseable date, collected (up to
/// <see cref="RowBinder.MaxReportedErrors"/>) by field path in row order then signature order. Fields
/// the model does not use are skipped. Built once per served model version; safe for concurrent use.
/// </summary>
internal sealed class RequestEncoder : JsonRowsEncoder
{
    private const int StackChars = 256;

    private readonly InputColumn[] _inputs;
    private readonly byte[][] _names;
    private readonly Slot[] _slots;
    private readonly bool _encodes;
    private readonly int _numericWidth;
    private readonly int _categoryCount;

    /// <summary>Prepares the encoder for a signature and (optionally) the preprocessing that turns its rows into encoder input.</summary>
    /// <exception cref="LatentOpsException">InvalidState when the preprocessing needs a column the signature lacks or types disagree.</exception>
    public RequestEncoder(IReadOnlyList<InputColumn> inputs, FittedPreprocessor? preprocessor)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        _inputs = [.. inputs];
        _names = [.. _inputs.Select(i => Encoding.UTF8.GetBytes(i.Name))];
        _slots = [.. _inputs.Select(i => new Slot(i))];
        if (preprocessor is null)
        {
            return;
        }

        _encodes = true;
        _numericWidth = preprocessor.NumericWidth;
        var offset = 0;
        foreach (var encoding in preprocessor.Columns)
        {
            var index = Array.FindIndex(_inputs, i => i.Name == encoding.Column);
            if (index < 0)
            {
                throw LatentOpsException.InvalidState($"The model's preprocessing needs column '{encoding.Column}' but its signature does not list it; re-package the model.");
            }

            _slots[index].Bind(encoding, offset, encoding.Kind == ColumnEncodingKind.Categorical ? _categoryCount++ : -1, preprocessor.ClipValue);
            offset += encoding.NumericWidth;
        }
    }

    protected override string ExampleBody => "{\"rows\": [{...}, ...]}";

    protected override string RowDescription => "one per row";

    protected override EncodedRows ReadRows(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, int maxRows, bool keepRows, bool logRows)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw NotAnArray(KindOf(reader.TokenType));
        }

        var start = checked((int)reader.TokenStartIndex);
        var state = new RowsState(this, Math.Clamp(source.Length / 128, 1, Math.Min(maxRows, 4096)), keepRows, logRows);
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (index >= maxRows)
            {
                reader.Skip(); // Counted for the message, not read.
            }
            else if (reader.TokenType != JsonTokenType.StartObject)
            {
                state.AddError($"rows[{index}]", $"must be an object of column values; got {KindOf(reader.TokenType)}");
                reader.Skip();
                state.CommitEmptyRow(index);
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

        var rows = source[start..checked((int)reader.BytesConsumed)];
        return built with { Log = LoggableRows.Copy(rows, index, state.Dirty ? this : null) };
    }

    /// <summary>
    /// Rewrites a JSON array of rows this encoder accepted for the request log: fields the model does
    /// not read are dropped, string inputs (and numbers sent for string inputs) go through
    /// <paramref name="redact"/>, every other value is copied as sent.
    /// </summary>
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
                var hint = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var input = Find(ref reader, hint);
                    reader.Read();
                    if (input < 0)
                    {
                        reader.Skip();
                        continue;
                    }

                    hint = input + 1;
                    json.WritePropertyName(_names[input]);
                    WriteLogValue(ref reader, json, rows, _slots[input].Kind == ValueKind.Text, redact);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteLogValue(ref Utf8JsonReader reader, Utf8JsonWriter json, ReadOnlySpan<byte> rows, bool text, Func<string, string> redact)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when text:
                json.WriteStringValue(redact(reader.GetString()!));
                break;
            case JsonTokenType.Number when text:
                var digits = Encoding.UTF8.GetString(reader.ValueSpan);
                var redacted = redact(digits);
                if (string.Equals(redacted, digits, StringComparison.Ordinal))
                {
                    json.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                }
                else
                {
                    json.WriteStringValue(redacted);
                }

                break;
            case JsonTokenType.String:
                // As sent, quotes and escapes included (dates).
                json.WriteRawValue(rows.Slice(checked((int)reader.TokenStartIndex), reader.ValueSpan.Length + 2), skipInputValidation: true);
                break;
            case JsonTokenType.Number:
                json.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                json.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                break;
            default:
                // null (objects and arrays never reach the log: the encoder refuses them).
                reader.Skip();
                json.WriteNullValue();
                break;
        }
    }

    private void ReadRow(ref Utf8JsonReader reader, RowsState state, int row)
    {
        var cells = state.Cells;
        Array.Clear(cells);
        var hint = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var input = Find(ref reader, hint);
            reader.Read();
            if (input < 0)
            {
                state.Dirty = true; // A field the model does not read is not logged.
                reader.Skip();
                continue;
            }

            hint = input + 1;
            ref var cell = ref cells[input];
            cell = default;
            if (reader.TokenType == JsonTokenType.Null)
            {
                cell.State = CellState.Null;
                continue;
            }

            _slots[input].Read(ref reader, ref cell, state.KeepRows);
        }

        for (var c = 0; c < _inputs.Length; c++)
        {
            ref var cell = ref cells[c];
            if (cell.State == CellState.Problem)
            {
                state.AddError($"rows[{row}].{_inputs[c].Name}", cell.Problem!);
            }
            else if (cell.State != CellState.Value && !_inputs[c].Nullable)
            {
                state.AddError($"rows[{row}].{_inputs[c].Name}", "is required and may not be null");
            }
        }

        state.Commit(row, cells);
    }

    /// <summary>The input a property names (clients usually send fields in signature order, so the next one is tried first).</summary>
    private int Find(ref Utf8JsonReader reader, int hint)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            var candidate = hint + i;
            if (candidate >= _names.Length)
            {
                candidate -= _names.Length;
            }

            if (reader.ValueTextEquals(_names[candidate]))
            {
                return candidate;
            }
        }

        return -1;
    }

    private enum CellState : byte
    {
        Absent,
        Null,
        Value,
        Problem,
    }

    private enum ValueKind : byte
    {
        Number,
        Text,
        Date,
    }

    /// <summary>One field of the row being read.</summary>
    private struct Cell
    {
        public CellState State;
        public double Number;
        public long Category;
        public DateTime Date;
        public string? Text;
        public string? Problem;
    }

    /// <summary>One input: how its JSON values are checked and, with a preprocessor, where they go in the encoder input.</summary>
    private sealed class Slot
    {
        private readonly InputColumn _input;
        private Dictionary<string, long>? _vocabulary;
        private Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private bool[]? _clean;

        public Slot(InputColumn input)
        {
            _input = input;
            Kind = input.Type switch
            {
                ColumnType.Numeric or ColumnType.Integer or ColumnType.Boolean => ValueKind.Number,
                ColumnType.DateTime => ValueKind.Date,
                _ => ValueKind.Text,
            };
        }

        public ValueKind Kind { get; }

        public ColumnEncodingKind? Encoding { get; private set; }

        public int Offset { get; private set; }

        public int CategoryIndex { get; private set; } = -1;

        public double Center { get; private set; }

        public double Scale { get; private set; } = 1;

        public double Clip { get; private set; }

        public bool MissingIndicator { get; private set; }

        public string Name => _input.Name;

        public void Bind(ColumnEncoding encoding, int offset, int categoryIndex, double clip)
        {
            var expected = encoding.Kind switch
            {
                ColumnEncodingKind.Numeric => ValueKind.Number,
                ColumnEncodingKind.DateTime => ValueKind.Date,
                _ => ValueKind.Text,
            };
            if (expected != Kind)
            {
                throw LatentOpsException.InvalidState($"Column '{encoding.Column}' is {_input.Type} in the model signature but its preprocessing encodes it as {encoding.Kind}; re-package the model.");
            }

            Encoding = encoding.Kind;
            Offset = offset;
            CategoryIndex = categoryIndex;
            Center = encoding.Center;
            Scale = encoding.Scale;
            Clip = clip;
            MissingIndicator = encoding.MissingIndicator;
            if (encoding.Kind == ColumnEncodingKind.Categorical)
            {
                _vocabulary = new Dictionary<string, long>(StringComparer.Ordinal);
                for (var i = 0; i < encoding.Vocabulary!.Count; i++)
                {
                    _vocabulary[encoding.Vocabulary[i]] = i + 1;
                }

                _lookup = _vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();

                // Which training categories the PII patterns leave unchanged: those are logged as sent.
                var (redacted, _) = PiiDetector.Redact(new Table([new StringColumn("value", [.. encoding.Vocabulary], ColumnType.Text)]));
                var values = (StringColumn)redacted["value"];
                _clean = new bool[encoding.Vocabulary.Count + 1];
                for (var i = 0; i < encoding.Vocabulary.Count; i++)
                {
                    _clean[i + 1] = string.Equals(values[i], encoding.Vocabulary[i], StringComparison.Ordinal);
                }
            }
        }

        /// <summary>True when a value read as <paramref name="category"/> (0 = not a training category) may be logged as sent.</summary>
        public bool IsClean(long category) => _clean is not null && category > 0 && _clean[category];

        /// <summary>Reads the value at the reader (not null) into <paramref name="cell"/>: a value or a problem.</summary>
        public void Read(ref Utf8JsonReader reader, ref Cell cell, bool keepText)
        {
            switch (Kind)
            {
                case ValueKind.Number:
                    ReadNumber(ref reader, ref cell);
                    break;
                case ValueKind.Date:
                    ReadDate(ref reader, ref cell);
                    break;
                default:
                    ReadText(ref reader, ref cell, keepText);
                    break;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        private void ReadNumber(ref Utf8JsonReader reader, ref Cell cell)
        {
            if (_input.Type == ColumnType.Boolean && reader.TokenType is JsonTokenType.True or JsonTokenType.False)
            {
                cell.Number = reader.TokenType == JsonTokenType.True ? 1 : 0;
                cell.State = CellState.Value;
                return;
            }

            if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && double.IsFinite(number))
            {
                if (_input.Type == ColumnType.Integer && number != Math.Floor(number))
                {
                    Fail(ref cell, $"must be a whole number; got {Describe(ref reader)}");
                    return;
                }

                cell.Number = number;
                cell.State = CellState.Value;
                return;
            }

            var expected = _input.Type == ColumnType.Boolean ? "true or false" : "a finite number";
            Fail(ref cell, $"must be {expected}; got {Describe(ref reader)}");
        }

        private static void ReadDate(ref Utf8JsonReader reader, ref Cell cell)
        {
            if (reader.TokenType == JsonTokenType.String &&
                DateTime.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            {
                cell.Date = date;
                cell.State = CellState.Value;
                return;
            }

            Fail(ref cell, $"must be an ISO-8601 date or date-time string such as 2016-11-08; got {Describe(ref reader)}");
        }

        private void ReadText(ref Utf8JsonReader reader, ref Cell cell, bool keepText)
        {
            // Categories that look numeric (zip codes, grades) arrive as numbers from many clients.
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    if (_vocabulary is null && !keepText)
                    {
                        cell.Category = 0; // Free text the model does not encode: nothing to look up.
                    }
                    else if (keepText || reader.ValueSpan.Length > StackChars || reader.ValueIsEscaped)
                    {
                        var text = reader.GetString()!;
                        cell.Text = keepText ? text : null;
                        cell.Category = _vocabulary is not null && _vocabulary.TryGetValue(text, out var found) ? found : 0;
                    }
                    else
                    {
                        Span<char> chars = stackalloc char[StackChars];
                        var length = System.Text.Encoding.UTF8.GetChars(reader.ValueSpan, chars);
                        cell.Category = _lookup.TryGetValue(chars[..length], out var found) ? found : 0;
                    }

                    break;
                case JsonTokenType.Number:
                    if (keepText || _vocabulary is null || reader.ValueSpan.Length > StackChars)
                    {
                        var text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                        cell.Text = keepText ? text : null;
                        cell.Category = _vocabulary is not null && _vocabulary.TryGetValue(text, out var found) ? found : 0;
                    }
                    else
                    {
                        Span<char> chars = stackalloc char[StackChars];
                        var length = System.Text.Encoding.UTF8.GetChars(reader.ValueSpan, chars);
                        cell.Category = _lookup.TryGetValue(chars[..length], out var found) ? found : 0;
                    }

                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    var literal = reader.TokenType == JsonTokenType.True ? "true" : "false";
                    cell.Text = literal;
                    cell.Category = _vocabulary is not null && _vocabulary.TryGetValue(literal, out var known) ? known : 0;
                    break;
                default:
                    Fail(ref cell, $"must be a string; got {Describe(ref reader)}");
                    return;
            }

            cell.State = CellState.Value;
        }

        private static void Fail(ref Cell cell, string problem)
        {
            cell.State = CellState.Problem;
            cell.Problem = problem;
        }
    }

    /// <summary>The growing output of one request: encoder input, typed rows when kept, unknown counts, problems.</summary>
    private sealed class RowsState
    {
        private readonly RequestEncoder _owner;
        private int _capacity;
        private float[] _numeric;
        private long[] _categories;
        private readonly double[]?[] _numbers;
        private readonly string?[]?[] _texts;
        private readonly DateTime?[]?[] _dates;
        private int[]? _unknown;

        public RowsState(RequestEncoder owner, int capacity, bool keepRows, bool logRows)
        {
            _owner = owner;
            _capacity = capacity;
            KeepRows = keepRows;
            LogRows = logRows;
            Cells = new Cell[owner._inputs.Length];
            _numeric = owner._encodes ? new float[capacity * owner._numericWidth] : [];
            _categories = owner._encodes ? new long[capacity * owner._categoryCount] : [];
            var columns = owner._inputs.Length;
            _numbers = new double[]?[columns];
            _texts = new string?[]?[columns];
            _dates = new DateTime?[]?[columns];
            if (!keepRows)
            {
                return;
            }

            for (var c = 0; c < columns; c++)
            {
                switch (owner._slots[c].Kind)
                {
                    case ValueKind.Number:
                        _numbers[c] = new double[capacity];
                        break;
                    case ValueKind.Date:
                        _dates[c] = new DateTime?[capacity];
                        break;
                    default:
                        _texts[c] = new string?[capacity];
                        break;
                }
            }
        }

        public bool KeepRows { get; }

        /// <summary>The rows are kept for the request log.</summary>
        public bool LogRows { get; }

        /// <summary>Some row must be rewritten before it is logged (a field the model does not read, or a string value that may need redaction).</summary>
        public bool Dirty { get; set; }

        public Cell[] Cells { get; }

        public Dictionary<string, string[]>? Errors { get; private set; }

        public void AddError(string path, string problem)
        {
            Errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (Errors.Count < RowBinder.MaxReportedErrors)
            {
                Errors[path] = [problem];
            }
        }

        public void CommitEmptyRow(int row)
        {
            Array.Clear(Cells);
            Commit(row, Cells);
        }

        public void Commit(int row, Cell[] cells)
        {
            if (row >= _capacity)
            {
                Grow();
            }

            var slots = _owner._slots;
            for (var c = 0; c < slots.Length; c++)
            {
                var slot = slots[c];
                ref var cell = ref cells[c];
                var has = cell.State == CellState.Value;
                if (LogRows && has && slot.Kind == ValueKind.Text && !slot.IsClean(cell.Category))
                {
                    Dirty = true;
                }

                if (KeepRows)
                {
                    switch (slot.Kind)
                    {
                        case ValueKind.Number:
                            _numbers[c]![row] = has ? cell.Number : double.NaN;
                            break;
                        case ValueKind.Date:
                            _dates[c]![row] = has ? cell.Date : null;
                            break;
                        default:
                            _texts[c]![row] = has ? cell.Text : null;
                            break;
                    }
                }

                if (Errors is not null || slot.Encoding is not { } encoding)
                {
                    continue; // Nothing is encoded for a request that will be refused.
                }

                switch (encoding)
                {
                    case ColumnEncodingKind.Numeric:
                        EncodeNumber(row, slot, has ? cell.Number : double.NaN);
                        break;
                    case ColumnEncodingKind.Categorical:
                        _categories[(row * _owner._categoryCount) + slot.CategoryIndex] = has ? cell.Category : 0;
                        if (has && cell.Category == 0)
                        {
                            _unknown ??= new int[slots.Length];
                            _unknown[c]++;
                        }

                        break;
                    case ColumnEncodingKind.DateTime:
                        EncodeDate(row, slot, has ? cell.Date : null);
                        break;
                }
            }
        }

        public EncodedRows Build(int rows)
        {
            EncodedTable? encoded = null;
            if (_owner._encodes)
            {
                var numeric = _numeric.Length == rows * _owner._numericWidth ? _numeric : _numeric[..(rows * _owner._numericWidth)];
                var categories = _categories.Length == rows * _owner._categoryCount ? _categories : _categories[..(rows * _owner._categoryCount)];
                encoded = new EncodedTable(rows, _owner._numericWidth, _owner._categoryCount, numeric, categories);
            }

            Table? table = null;
            if (KeepRows)
            {
                var columns = new List<Column>(_owner._inputs.Length);
                for (var c = 0; c < _owner._inputs.Length; c++)
                {
                    var input = _owner._inputs[c];
                    columns.Add(_owner._slots[c].Kind switch
                    {
                        ValueKind.Number => new NumericColumn(input.Name, Fit(_numbers[c]!, rows), input.Type),
                        ValueKind.Date => new DateTimeColumn(input.Name, Fit(_dates[c]!, rows)),
                        _ => new StringColumn(input.Name, Fit(_texts[c]!, rows), input.Type),
                    });
                }

                table = new Table(columns);
            }

            IReadOnlyDictionary<string, int> unknown = Empty;
            if (_unknown is not null)
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var c = 0; c < _unknown.Length; c++)
                {
                    if (_unknown[c] > 0)
                    {
                        counts[_owner._slots[c].Name] = _unknown[c];
                    }
                }

                unknown = counts;
            }

            return new EncodedRows(rows, encoded, table, unknown);
        }

        private static readonly Dictionary<string, int> Empty = new(StringComparer.Ordinal);

        private static T[] Fit<T>(T[] values, int rows) => values.Length == rows ? values : values[..rows];

        private void EncodeNumber(int row, Slot slot, double value)
        {
            var at = (row * _owner._numericWidth) + slot.Offset;
            var missing = double.IsNaN(value);
            _numeric[at] = (float)(missing ? 0 : Math.Clamp((value - slot.Center) / slot.Scale, -slot.Clip, slot.Clip));
            if (slot.MissingIndicator)
            {
                _numeric[at + 1] = missing ? 1f : 0f;
            }
        }

        private void EncodeDate(int row, Slot slot, DateTime? value)
        {
            var at = (row * _owner._numericWidth) + slot.Offset;
            if (value is { } t)
            {
                var year = t.Year + ((t.DayOfYear - 1) / 366.0);
                _numeric[at] = (float)Math.Clamp((year - slot.Center) / slot.Scale, -slot.Clip, slot.Clip);
                Cyclic(at + 1, t.Month - 1, 12);
                Cyclic(at + 3, (int)t.DayOfWeek, 7);
                Cyclic(at + 5, (t.Hour * 60) + t.Minute, 24 * 60);
            }
            else
            {
                _numeric.AsSpan(at, 7).Clear();
            }

            if (slot.MissingIndicator)
            {
                _numeric[at + 7] = value is null ? 1f : 0f;
            }
        }

        private void Cyclic(int index, int value, int period)
        {
            var angle = 2 * Math.PI * value / period;
            _numeric[index] = (float)Math.Sin(angle);
            _numeric[index + 1] = (float)Math.Cos(angle);
        }

        private void Grow()
        {
            var capacity = _capacity * 2;
            Array.Resize(ref _numeric, capacity * _owner._numericWidth);
            Array.Resize(ref _categories, capacity * _owner._categoryCount);
            for (var c = 0; c < _numbers.Length; c++)
            {
                if (_numbers[c] is not null)
                {
                    Array.Resize(ref _numbers[c], capacity);
                }

                if (_texts[c] is not null)
                {
                    Array.Resize(ref _texts[c], capacity);
                }

                if (_dates[c] is not null)
                {
                    Array.Resize(ref _dates[c], capacity);
                }
            }

            _capacity = capacity;
        }
    }
}
