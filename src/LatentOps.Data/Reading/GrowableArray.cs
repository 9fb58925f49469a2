namespace LatentOps.Data.Reading;

/// <summary>
/// A list backed by one array that becomes the column's array when the count matches its length.
/// Readers size it with the exact row count (from a quick counting pass), so building a column
/// allocates its final array once and never copies it.
/// </summary>
internal sealed class GrowableArray<T>(int capacity)
{
    private T[] _items = new T[Math.Max(0, capacity)];

    public int Count { get; private set; }

    public void Add(T value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(16, _items.Length * 2));
        }

        _items[Count++] = value;
    }

    public T this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    /// <summary>The exact-length array (the backing array itself when the capacity was right) and releases it from the list.</summary>
    public T[] ToArrayAndClear()
    {
        var result = _items;
        if (result.Length != Count)
        {
            Array.Resize(ref result, Count);
        }

        _items = [];
        Count = 0;
        return result;
    }
}
