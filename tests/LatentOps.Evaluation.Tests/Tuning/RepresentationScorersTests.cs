using LatentOps.Core.Errors;
using LatentOps.Evaluation.Tuning;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Tuning;

namespace LatentOps.Evaluation.Tests.Tuning;

public sealed class RepresentationScorersTests
{
    /// <summary>Two Gaussian blobs in 4-d (class a around -1, class b around +1), labels as text.</summary>
    private static (Embeddings Embeddings, string?[] Labels) Blobs(int rows, int seed, double separation)
    {
        var random = new Random(seed);
        var values = new float[rows * 4];
        var labels = new string?[rows];
        for (var r = 0; r < rows; r++)
        {
            var b = r % 2 == 1;
            labels[r] = b ? "b" : "a";
            for (var d = 0; d < 4; d++)
            {
                values[(r * 4) + d] = (float)(((b ? 1 : -1) * separation) + NextGaussian(random));
            }
        }

        return (new Embeddings(rows, 4, values), labels);
    }

    private static double NextGaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Theory]
    [InlineData("linear")]
    [InlineData("knn")]
    public void Score_SeparableClasses_BeatsOverlappingOnes(string name)
    {
        var scorer = RepresentationScorers.Create(name);
        var (separatedTrain, trainLabels) = Blobs(200, 1, 1.5);
        var (separatedValidation, validationLabels) = Blobs(100, 2, 1.5);
        var (mixedTrain, _) = Blobs(200, 1, 0.05);
        var (mixedValidation, _) = Blobs(100, 2, 0.05);

        var separated = scorer.Score(new RepresentationScoringInput(separatedTrain, separatedValidation, trainLabels, validationLabels));
        var mixed = scorer.Score(new RepresentationScoringInput(mixedTrain, mixedValidation, trainLabels, validationLabels));

        Assert.InRange(separated, 0.95, 1.0);
        Assert.True(mixed < separated - 0.2, $"overlapping classes scored {mixed}, separated {separated}");
    }

    [Fact]
    public void Score_ProbeWithoutLabels_ThrowsNamingRankMe()
    {
        var (train, _) = Blobs(20, 1, 1);

        var error = Assert.Throws<LatentOpsException>(() => RepresentationScorers.LinearProbe().Score(new RepresentationScoringInput(train, train, null, null)));

        Assert.Contains("rankme", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_RankMe_IsHigherForAFullRankEmbeddingThanACollapsedOne()
    {
        var (full, _) = Blobs(200, 3, 0);
        var collapsed = new Embeddings(200, 4, [.. Enumerable.Range(0, 800).Select(i => (float)(i / 4 % 7))]);

        var scorer = RepresentationScorers.RankMe();

        Assert.True(scorer.Score(new RepresentationScoringInput(full, full, null, null)) > 3.5);
        Assert.InRange(scorer.Score(new RepresentationScoringInput(collapsed, collapsed, null, null)), 1.0, 1.01);
    }
}
