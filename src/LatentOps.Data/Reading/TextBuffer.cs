using LatentOps.Core.Tables;

namespace LatentOps.Data.Reading;

/// <summary>
/// The values of a text column while a file streams past: dictionary codes (byte, then ushort, then int
/// as distinct values grow; 0 = missing) into a <see cref="StringPool"/>, so a repeated value costs 1 to
/// 4 bytes per row instead of an 8-byte reference. Past the pool's cap (free text that does not repeat)
/// it switches to one string reference per row.
/// </summary>
internal sealed class TextBuffer(int capacity)
{
    private readonly StringPool _pool = new();
    private byte[]? _c8 = new byte[Math.Max(0, capacity)];
    private ushort[]? _c16;
    private int[]? _c32;
    private string?[]? _refs;

    public int Count { get; private set; }

    public StringPool Pool => _pool;

    public void AddMissing()
    {
        EnsureRoom(Count);
        Set(Count, 0, null);
        Count++;
    }

    public void Add(ReadOnlySpan<char> value)
    {
        EnsureRoom(Count);
        Count++;
        SetValue(Count - 1, value);
    }

    /// <summary>Sets an already counted row (a re-read pass) to a value.</summary>
    public void SetValue(int row, ReadOnlySpan<char> value)
    {
        var code = _pool.GetCode(value, out var text);
        Set(row, code, text);
    }

    /// <summary>Sets an already counted row to missing.</summary>
    public void SetMissing(int row) => Set(row, 0, null);

    public string? this[int row] => _refs is not null ? _refs[row] : Code(row) is var code and > 0 ? _pool.Values[code - 1] : null;

    /// <summary>Counts, lengths, spaces and distinct values for type inference.</summary>
    public TextStatistics Statistics()
    {
        long nonMissing = 0, totalLength = 0, withSpace = 0;
        if (_refs is null)
        {
            var counts = new long[_pool.Count + 1];
            for (var i = 0; i < Count; i++)
            {
                counts[Code(i)]++;
            }

            long distinct = 0;
            for (var k = 1; k < counts.Length; k++)
            {
                if (counts[k] == 0)
                {
                    continue;
                }

                var value = _pool.Values[k - 1];
                distinct++;
                nonMissing += counts[k];
                totalLength += value.Length * counts[k];
                withSpace += StringTypeInference.HasSpace(value) ? counts[k] : 0;
            }

            return new TextStatistics(nonMissing, totalLength, withSpace, distinct);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Count; i++)
        {
            if (_refs[i] is not { } value)
            {
                continue;
            }

            nonMissing++;
            totalLength += value.Length;
            withSpace += StringTypeInference.HasSpace(value) ? 1 : 0;
            seen.Add(value);
        }

        return new TextStatistics(nonMissing, totalLength, withSpace, seen.Count);
    }

    /// <summary>The column, releasing the buffer.</summary>
    public StringColumn Build(string name, ColumnType type)
    {
        var count = Count;
        var column = _refs is not null ? new StringColumn(name, Exact(_refs, count), type)
            : _c8 is not null ? StringColumn.FromCodes(name, _c8, _pool.Values, type, count)
            : _c16 is not null ? StringColumn.FromCodes(name, _c16, _pool.Values, type, count)
            : StringColumn.FromCodes(name, _c32!, _pool.Values, type, count);
        _c8 = null;
        _c16 = null;
        _c32 = null;
        _refs = null;
        Count = 0;
        return column;
    }

    private static T[] Exact<T>(T[] array, int count)
    {
        if (array.Length != count)
        {
            Array.Resize(ref array, count);
        }

        return array;
    }

    private int Capacity => _refs?.Length ?? _c8?.Length ?? _c16?.Length ?? _c32!.Length;

    private int Code(int row) => _c8 is not null ? _c8[row] : _c16 is not null ? _c16[row] : _c32![row];

    private void Set(int row, int code, string? text)
    {
        if (_refs is null && code == 0 && text is not null)
        {
            ToReferences();
        }

        if (_refs is not null)
        {
            _refs[row] = text;
            return;
        }

        if (_c8 is not null && code > byte.MaxValue)
        {
            var wider = new ushort[_c8.Length];
            for (var i = 0; i < Count; i++)
            {
                wider[i] = _c8[i];
            }

            _c8 = null;
            _c16 = wider;
        }

        if (_c16 is not null && code > ushort.MaxValue)
        {
            var wider = new int[_c16.Length];
            for (var i = 0; i < Count; i++)
            {
                wider[i] = _c16[i];
            }

            _c16 = null;
            _c32 = wider;
        }

        if (_c8 is not null)
        {
            _c8[row] = (byte)code;
        }
        else if (_c16 is not null)
        {
            _c16[row] = (ushort)code;
        }
        else
        {
            _c32![row] = code;
        }
    }

    /// <summary>The pool is full: one reference per row from now on (the pooled values stay shared).</summary>
    private void ToReferences()
    {
        var refs = new string?[Capacity];
        for (var i = 0; i < Count; i++)
        {
            refs[i] = this[i];
        }

        _refs = refs;
        _c8 = null;
        _c16 = null;
        _c32 = null;
    }

    private void EnsureRoom(int row)
    {
        var capacity = Capacity;
        if (row < capacity)
        {
            return;
        }

        var grown = Math.Max(16, capacity * 2);
        if (_refs is not null)
        {
            Array.Resize(ref _refs, grown);
        }
        else if (_c8 is not null)
        {
            Array.Resize(ref _c8, grown);
        }
        else if (_c16 is not null)
        {
            Array.Resize(ref _c16, grown);
        }
        else
        {
            Array.Resize(ref _c32, grown);
        }
    }
}
