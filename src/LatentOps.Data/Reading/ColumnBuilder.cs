using System.Globalization;
using LatentOps.Core.Tables;

namespace LatentOps.Data.Reading;

/// <summary>
/// Builds one column while a file streams past, inferring its type on the way. A column starts as
/// numbers (parsed straight into a <see cref="NumberBuffer"/>, narrow when the values allow) and falls back to text the first time a value is not a
/// number; the rows before that point are then re-read from the file (<see cref="PendingRows"/>), so no
/// file is ever held as strings. Text columns stay candidates for booleans and dates until a value
/// disproves it. Declared types (schema, <c>--id</c>) are parsed strictly, with an error naming the row.
/// </summary>
internal sealed class ColumnBuilder
{
    private readonly ReadContext _context;
    private readonly ColumnType? _forced;
    private readonly int _capacity;
    private Mode _mode;
    private NumberBuffer? _numbers;
    private TextBuffer? _text;
    private GrowableArray<DateTime?>? _dates;
    private DateTime?[]? _dateCandidates;
    private bool _allInteger = true;
    private bool _canBool = true;
    private bool _canDate = true;
    private long _nonMissing;

    public ColumnBuilder(string name, ReadContext context, ColumnType? forced, ColumnRole role, int prefillMissing = 0, int capacity = 0)
    {
        Name = name;
        _capacity = Math.Max(capacity, prefillMissing);
        _context = context;
        _forced = forced;
        Role = role;
        _mode = forced switch
        {
            null => Mode.Number,
            ColumnType.Numeric or ColumnType.Integer or ColumnType.Boolean => Mode.ForcedNumber,
            ColumnType.DateTime => Mode.ForcedDate,
            _ => Mode.ForcedText,
        };
        switch (_mode)
        {
            case Mode.Number or Mode.ForcedNumber:
                _numbers = new NumberBuffer(_capacity);
                break;
            case Mode.ForcedDate:
                _dates = new GrowableArray<DateTime?>(_capacity);
                break;
            default:
                _text = new TextBuffer(_capacity);
                break;
        }

        for (var i = 0; i < prefillMissing; i++)
        {
            AddMissing();
        }
    }

    private enum Mode
    {
        Number,
        Text,
        ForcedNumber,
        ForcedDate,
        ForcedText,
    }

    public string Name { get; }

    public ColumnRole Role { get; }

    public int Count { get; private set; }

    /// <summary>Rows [0, PendingRows) must be re-read (the column fell back from numbers to text there).</summary>
    public int PendingRows { get; private set; }

    public void AddMissing()
    {
        switch (_mode)
        {
            case Mode.Number or Mode.ForcedNumber:
                _numbers!.AddMissing();
                break;
            case Mode.ForcedDate:
                _dates!.Add(null);
                break;
            default:
                _text!.AddMissing();
                break;
        }

        Count++;
    }

    public void Add(ReadOnlySpan<char> value)
    {
        switch (_mode)
        {
            case Mode.Number:
                if (ValueParsing.TryParseNumber(value, out var number, out var integer) && !ValueParsing.HasSignificantLeadingZero(value))
                {
                    _numbers!.Add(number);
                    _allInteger &= integer;
                    _nonMissing++;
                    Count++;
                    return;
                }

                SwitchToText();
                AddText(value);
                return;
            case Mode.Text or Mode.ForcedText:
                AddText(value);
                return;
            case Mode.ForcedNumber:
                _numbers!.Add(ParseForcedNumber(value));
                _nonMissing++;
                Count++;
                return;
            default:
                _dates!.Add(ValueParsing.TryParseDateLenient(value, out var date)
                    ? date
                    : throw _context.Error(Name, $"'{Shorten(value)}' is not a date, and the schema declares this column as datetime. Accepted: ISO 8601 (2024-03-31, 2024-03-31T14:05:00Z) or month/day/year."));
                _nonMissing++;
                Count++;
                return;
        }
    }

    /// <summary>Sets a pending row (re-read pass) to its text value, or to missing.</summary>
    public void Fill(int row, ReadOnlySpan<char> value, bool missing)
    {
        if (missing)
        {
            _text!.SetMissing(row);
            if (_dateCandidates is not null && row < _dateCandidates.Length)
            {
                _dateCandidates[row] = null;
            }

            return;
        }

        _text!.SetValue(row, value);
        _nonMissing++;
        CheckCandidates(value, row);
    }

    public Column Build(int rowCount)
    {
        if (Count != rowCount || PendingRows > 0)
        {
            throw new InvalidOperationException($"Column '{Name}' has {Count} of {rowCount} rows ({PendingRows} pending).");
        }

        switch (_mode)
        {
            case Mode.Number:
            {
                var type = _nonMissing > 0 && _allInteger ? ColumnType.Integer : ColumnType.Numeric;
                if (type == ColumnType.Integer && Role != ColumnRole.Label && ColumnNaming.LooksLikeIdentifier(Name) && IsUnique(_numbers!))
                {
                    var ids = new string?[rowCount];
                    for (var i = 0; i < rowCount; i++)
                    {
                        var v = _numbers![i];
                        ids[i] = double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture);
                    }

                    _numbers = null;
                    return new StringColumn(Name, ids, ColumnType.Identifier);
                }

                return _numbers!.Build(Name, type);
            }

            case Mode.ForcedNumber:
                return _numbers!.Build(Name, _forced!.Value);
            case Mode.ForcedDate:
                return new DateTimeColumn(Name, _dates!.ToArrayAndClear());
            case Mode.ForcedText:
                return _text!.Build(Name, _forced!.Value);
            default:
                if (_nonMissing > 0 && _canBool && Role != ColumnRole.Label)
                {
                    var bools = new sbyte[rowCount];
                    ulong[]? missing = null;
                    for (var i = 0; i < rowCount; i++)
                    {
                        if (_text![i] is not { } text)
                        {
                            missing ??= new ulong[(rowCount + 63) >> 6];
                            missing[i >> 6] |= 1UL << i;
                        }
                        else
                        {
                            bools[i] = ValueParsing.TryParseBoolean(text, out var b) && b ? (sbyte)1 : (sbyte)0;
                        }
                    }

                    _text = null;
                    return NumericColumn.FromScaled(Name, bools, 0, missing, ColumnType.Boolean);
                }

                if (_nonMissing > 0 && _canDate && Role != ColumnRole.Label)
                {
                    var dates = _dateCandidates ?? [];
                    Array.Resize(ref dates, rowCount);
                    _dateCandidates = null;
                    _text = null;
                    return new DateTimeColumn(Name, dates);
                }

                {
                    var type = Role == ColumnRole.Label ? ColumnType.Categorical : StringTypeInference.Infer(Name, _text!.Statistics());
                    return _text!.Build(Name, type);
                }
        }
    }

    private void SwitchToText()
    {
        var rows = Count;
        _numbers = null;
        _mode = Mode.Text;
        _text = new TextBuffer(_capacity);
        for (var i = 0; i < rows; i++)
        {
            _text.AddMissing();
        }

        PendingRows = rows;
        _nonMissing = 0;
    }

    public void ClearPending() => PendingRows = 0;

    private void AddText(ReadOnlySpan<char> value)
    {
        _text!.Add(value);
        _nonMissing++;
        Count++;
        if (_mode == Mode.Text)
        {
            CheckCandidates(value, Count - 1);
        }
    }

    private void CheckCandidates(ReadOnlySpan<char> value, int row)
    {
        if (_canBool && !ValueParsing.TryParseBoolean(value, out _))
        {
            _canBool = false;
        }

        if (_canDate)
        {
            if (ValueParsing.TryParseDate(value, out var date))
            {
                // Made on the first date seen: text columns that are not dates never pay 16 bytes a row for it.
                if (_dateCandidates is null || row >= _dateCandidates.Length)
                {
                    var dates = _dateCandidates ?? [];
                    Array.Resize(ref dates, Math.Max(Math.Max(_capacity, row + 1), dates.Length * 2));
                    _dateCandidates = dates;
                }

                _dateCandidates[row] = date;
            }
            else
            {
                _canDate = false;
                _dateCandidates = null;
            }
        }
    }

    private double ParseForcedNumber(ReadOnlySpan<char> value)
    {
        if (_forced == ColumnType.Boolean)
        {
            if (ValueParsing.TryParseBoolean(value, out var b))
            {
                return b ? 1 : 0;
            }

            if (ValueParsing.TryParseNumber(value, out var n, out _) && n is 0 or 1)
            {
                return n;
            }

            throw _context.Error(Name, $"'{Shorten(value)}' is not a boolean, and the schema declares this column as boolean. Accepted: true/false, yes/no, 1/0.");
        }

        if (!ValueParsing.TryParseNumber(value, out var number, out var integer))
        {
            throw _context.Error(Name, $"'{Shorten(value)}' is not a number, and the schema declares this column as {_forced.ToString()!.ToLowerInvariant()}. Accepted: invariant-culture numbers such as 12, -3.5, 1e-4.");
        }

        if (_forced == ColumnType.Integer && !integer && number != Math.Floor(number))
        {
            throw _context.Error(Name, $"'{Shorten(value)}' is not a whole number, and the schema declares this column as integer.");
        }

        return number;
    }

    private static bool IsUnique(NumberBuffer values)
    {
        var seen = new HashSet<double>();
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (double.IsNaN(v) || !seen.Add(v))
            {
                return false;
            }
        }

        return seen.Count >= 2;
    }

    internal static string Shorten(ReadOnlySpan<char> value) => value.Length <= 40 ? value.ToString() : string.Concat(value[..37], "...");
}
