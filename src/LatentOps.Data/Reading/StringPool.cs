namespace LatentOps.Data.Reading;

/// <summary>
/// Gives a column's repeated values one string each and a code (1, 2, ... in order of first sight), so
/// a categorical column of a million rows holds a few hundred strings and one small code per row. Stops
/// adding new entries past a cap (free-text columns do not repeat).
/// </summary>
internal sealed class StringPool
{
    public const int Cap = 1 << 17;
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _values = [];

    public StringPool() => _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The number of distinct values pooled.</summary>
    public int Count => _values.Count;

    /// <summary>True when the cap was reached, so <see cref="Count"/> no longer counts every distinct value.</summary>
    public bool Saturated { get; private set; }

    /// <summary>The pooled values; code <c>k</c> is <c>Values[k - 1]</c>.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>The code of <paramref name="value"/> (pooling it when there is room), or 0 when the pool is full and the value new.</summary>
    public int GetCode(ReadOnlySpan<char> value, out string text)
    {
        if (_lookup.TryGetValue(value, out var code))
        {
            text = _values[code - 1];
            return code;
        }

        text = value.ToString();
        if (_values.Count < Cap)
        {
            _values.Add(text);
            _codes.Add(text, _values.Count);
            return _values.Count;
        }

        Saturated = true;
        return 0;
    }

    /// <summary>The pooled string equal to <paramref name="value"/>, or a new one.</summary>
    public string Get(ReadOnlySpan<char> value)
    {
        GetCode(value, out var text);
        return text;
    }
}
