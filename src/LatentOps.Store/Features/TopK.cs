namespace LatentOps.Store.Features;

/// <summary>Keeps the k highest scores seen, sorted descending; O(1) rejection once full.</summary>
internal sealed class TopK
{
    private readonly float[] _scores;
    private readonly int[] _indices;
    private int _count;

    public TopK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        _scores = new float[k];
        _indices = new int[k];
    }

    /// <summary>The lowest score kept once full (a candidate must beat it).</summary>
    public float Threshold => _count < _scores.Length ? float.NegativeInfinity : _scores[_count - 1];

    public void Offer(int index, float score)
    {
        if (_count == _scores.Length && !(score > _scores[_count - 1]))
        {
            return;
        }

        var position = _count < _scores.Length ? _count++ : _count - 1;
        while (position > 0 && _scores[position - 1] < score)
        {
            _scores[position] = _scores[position - 1];
            _indices[position] = _indices[position - 1];
            position--;
        }

        _scores[position] = score;
        _indices[position] = index;
    }

    public (int Index, float Score)[] Results() => Enumerable.Range(0, _count).Select(i => (_indices[i], _scores[i])).ToArray();
}
