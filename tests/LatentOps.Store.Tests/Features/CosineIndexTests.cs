using LatentOps.Core.Errors;
using LatentOps.Store.Features;

namespace LatentOps.Store.Tests.Features;

public sealed class CosineIndexTests
{
    [Fact]
    public void ExactSearch_RandomVectors_MatchesDoublePrecisionBruteForce()
    {
        var (data, count, dim) = Random(2000, 24, seed: 3);
        var index = new ExactCosineIndex(data, count, dim);
        var query = data.AsSpan(17 * dim, dim).ToArray();

        var hits = index.Search(query, 5, exclude: 17);

        var expected = Enumerable.Range(0, count).Where(i => i != 17).OrderByDescending(i => Cosine(data, i, query, dim)).Take(5).ToArray();
        Assert.Equal(expected, hits.Select(h => h.Index));
        Assert.Equal(Cosine(data, expected[0], query, dim), hits[0].Similarity, 5);
    }

    [Fact]
    public void QuantizedSearch_RandomVectors_FindsNeighboursAsNearAsFloatWithinTheQuantisationError()
    {
        var (data, count, dim) = Random(5000, 64, seed: 5);
        for (var j = 0; j < dim; j++)
        {
            data[(99 * dim) + j] = (data[(42 * dim) + j] * 2) + (j % 7 == 0 ? 0.01f : 0f); // a planted near-duplicate of row 42
        }

        var exact = new ExactCosineIndex(data, count, dim);
        var quantized = new QuantizedCosineIndex(data, count, dim);
        var query = data.AsSpan(42 * dim, dim).ToArray();

        var floatHits = exact.Search(query, 10, 42);
        var int8Hits = quantized.Search(query, 10, 42);

        var tenth = floatHits[^1].Similarity; // each int8 score is within 0.02 of the true one, so a swap costs at most 0.04
        Assert.All(int8Hits, h => Assert.True(Cosine(data, h.Index, query, dim) >= tenth - 0.04, $"row {h.Index} is not among the near neighbours"));
        Assert.Equal((99, 99), (floatHits[0].Index, int8Hits[0].Index));
        Assert.All(int8Hits, h => Assert.InRange(h.Similarity - Cosine(data, h.Index, query, dim), -0.02, 0.02));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(64)]
    [InlineData(100)]
    public void Dot_AnyLength_EqualsScalarSum(int length)
    {
        var random = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();

        Assert.Equal(a.Zip(b).Sum(p => p.First * p.Second), QuantizedCosineIndex.Dot(a, b));
    }

    [Fact]
    public void Search_QueryOfWrongDimension_FailsWithInvalidInput()
    {
        var index = new ExactCosineIndex(new float[8], 2, 4);

        var error = Assert.Throws<LatentOpsException>(() => index.Search(new float[3], 1));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
    }

    private static (float[] Data, int Count, int Dim) Random(int count, int dim, int seed)
    {
        var random = new Random(seed);
        return (Enumerable.Range(0, count * dim).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), count, dim);
    }

    private static double Cosine(float[] data, int row, float[] query, int dim)
    {
        double dot = 0, na = 0, nb = 0;
        for (var j = 0; j < dim; j++)
        {
            var x = data[(row * dim) + j];
            dot += x * (double)query[j];
            na += x * (double)x;
            nb += query[j] * (double)query[j];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
