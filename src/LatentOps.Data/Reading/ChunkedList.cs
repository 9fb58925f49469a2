namespace LatentOps.Data.Reading;

/// <summary>
/// A growable list stored in fixed chunks, so growing never copies and the final exact-length array
/// costs one pass with at most one chunk of overlap.
/// </summary>
internal sealed class ChunkedList<T>
{
    private const int Shift = 16;
    private const int ChunkSize = 1 << Shift;
    private const int Mask = ChunkSize - 1;
    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public void Add(T value)
    {
        var offset = Count & Mask;
        if (offset == 0)
        {
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[^1][offset] = value;
        Count++;
    }

    public T this[int index]
    {
        get => _chunks[index >> Shift][index & Mask];
        set => _chunks[index >> Shift][index & Mask] = value;
    }

    /// <summary>Copies to an exact-length array and releases the chunks.</summary>
    public T[] ToArrayAndClear()
    {
        var result = new T[Count];
        for (var c = 0; c < _chunks.Count; c++)
        {
            var start = c << Shift;
            var length = Math.Min(ChunkSize, Count - start);
            Array.Copy(_chunks[c], 0, result, start, length);
            _chunks[c] = [];
        }

        _chunks.Clear();
        Count = 0;
        return result;
    }
}
