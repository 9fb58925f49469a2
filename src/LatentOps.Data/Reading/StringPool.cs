namespace LatentOps.Data.Reading;

/// <summary>
/// Interns a column's repeated values so a categorical column of a million rows holds a few hundred
/// strings, not a million. Stops adding new entries past a cap (free-text columns do not repeat).
/// </summary>
internal sealed class StringPool
{
    public const int Cap = 1 << 17;
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The number of distinct values pooled.</summary>
    public int Count => _pool.Count;

    /// <summary>True when the cap was reached, so <see cref="Count"/> no longer counts every distinct value.</summary>
    public bool Saturated { get; private set; }

    public string Get(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        var text = value.ToString();
        if (_pool.Count < Cap)
        {
            _pool.Add(text, text);
        }
        else
        {
            Saturated = true;
        }

        return text;
    }

    public IEnumerable<string> Values => _pool.Keys;
}
