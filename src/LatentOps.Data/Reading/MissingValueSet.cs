namespace LatentOps.Data.Reading;

/// <summary>Recognises missing-value markers in a cell (empty, whitespace, or one of the configured texts).</summary>
internal sealed class MissingValueSet
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _longest;

    public MissingValueSet(IEnumerable<string> markers)
    {
        var set = new HashSet<string>(markers.Select(m => m.Trim()), StringComparer.Ordinal);
        _longest = set.Count == 0 ? 0 : set.Max(m => m.Length);
        _lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool IsMissing(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return true;
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            value = value.Trim();
            if (value.IsEmpty)
            {
                return true;
            }
        }

        return value.Length <= _longest && _lookup.Contains(value);
    }
}
