using System.Globalization;
using LatentOps.Core.Tables;

namespace LatentOps.Data.Reading;

/// <summary>
/// Builds one column while a file streams past, inferring its type on the way. A column starts as
/// numbers (parsed straight into doubles) and falls back to text the first time a value is not a
/// number; the rows before that point are then re-read from the file (<see cref="PendingRows"/>), so no
/// file is ever held as strings. Text columns stay candidates for booleans and dates until a value
/// disproves it. Declared types (schema, <c>--id</c>) are parsed strictly, with an error naming the row.
/// </summary>
internal sealed class ColumnBuilder
{
    private readonly ReadContext _context;
    private readonly ColumnType? _forced;
    private Mode _mode;
    private ChunkedList<double>? _numbers;
    private ChunkedList<string?>? _strings;
    private ChunkedList<DateTime?>? _dates;
    private StringPool? _pool;
    private bool _allInteger = true;
    private bool _canBool = true;
    private bool _canDate = true;
    private long _nonMissing;

    public ColumnBuilder(string name, ReadContext context, ColumnType? forced, ColumnRole role, int prefillMissing = 0)
    {
        Name = name;
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
                _numbers = new ChunkedList<double>();
                break;
            case Mode.ForcedDate:
                _dates = new ChunkedList<DateTime?>();
                break;
            default:
                _strings = new ChunkedList<string?>();
                _pool = new StringPool();
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
                _numbers!.Add(double.NaN);
                break;
            case Mode.ForcedDate:
                _dates!.Add(null);
                break;
            default:
                _strings!.Add(null);
                _dates?.Add(null);
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
            _strings![row] = null;
            if (_dates is not null)
            {
                _dates[row] = null;
            }

            return;
        }

        _strings![row] = _pool!.Get(value);
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
                var values = _numbers!.ToArrayAndClear();
                var type = _nonMissing > 0 && _allInteger ? ColumnType.Integer : ColumnType.Numeric;
                if (type == ColumnType.Integer && Role != ColumnRole.Label && ColumnNaming.LooksLikeIdentifier(Name) && IsUnique(values))
                {
                    return new StringColumn(Name, [.. values.Select(v => double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture))], ColumnType.Identifier);
                }

                return new NumericColumn(Name, values, type);
            }

            case Mode.ForcedNumber:
                return new NumericColumn(Name, _numbers!.ToArrayAndClear(), _forced!.Value);
            case Mode.ForcedDate:
                return new DateTimeColumn(Name, _dates!.ToArrayAndClear());
            case Mode.ForcedText:
                return new StringColumn(Name, _strings!.ToArrayAndClear(), _forced!.Value);
            default:
                if (_nonMissing > 0 && _canBool && Role != ColumnRole.Label)
                {
                    var strings = _strings!.ToArrayAndClear();
                    var bools = new double[strings.Length];
                    for (var i = 0; i < strings.Length; i++)
                    {
                        bools[i] = strings[i] is null ? double.NaN : ValueParsing.TryParseBoolean(strings[i], out var b) && b ? 1 : 0;
                    }

                    return new NumericColumn(Name, bools, ColumnType.Boolean);
                }

                if (_nonMissing > 0 && _canDate && Role != ColumnRole.Label)
                {
                    return new DateTimeColumn(Name, _dates!.ToArrayAndClear());
                }

                {
                    var strings = _strings!.ToArrayAndClear();
                    var type = Role == ColumnRole.Label ? ColumnType.Categorical : StringTypeInference.Infer(Name, strings, _pool!);
                    return new StringColumn(Name, strings, type);
                }
        }
    }

    private void SwitchToText()
    {
        var rows = Count;
        _numbers = null;
        _mode = Mode.Text;
        _strings = new ChunkedList<string?>();
        _dates = new ChunkedList<DateTime?>();
        _pool = new StringPool();
        for (var i = 0; i < rows; i++)
        {
            _strings.Add(null);
            _dates.Add(null);
        }

        PendingRows = rows;
        _nonMissing = 0;
    }

    public void ClearPending() => PendingRows = 0;

    private void AddText(ReadOnlySpan<char> value)
    {
        _strings!.Add(_pool!.Get(value));
        _dates?.Add(null);
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
                _dates![row] = date;
            }
            else
            {
                _canDate = false;
                _dates = null;
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

    private static bool IsUnique(double[] values)
    {
        var seen = new HashSet<double>();
        foreach (var v in values)
        {
            if (double.IsNaN(v) || !seen.Add(v))
            {
                return false;
            }
        }

        return seen.Count >= 2;
    }

    internal static string Shorten(ReadOnlySpan<char> value) => value.Length <= 40 ? value.ToString() : string.Concat(value[..37], "...");
}
