using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Learning.Images;

namespace LatentOps.Learning.Tests.Images;

public sealed class ImageTrainerTests
{
    internal static ImageSet Digits()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "digits-300.csv")).Where(l => !l.StartsWith('#')).ToArray();
        var pixels = new float[lines.Length * 64];
        var labels = new int[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            for (var p = 0; p < 64; p++)
            {
                pixels[(i * 64) + p] = float.Parse(cells[p], CultureInfo.InvariantCulture) / 16f;
            }

            labels[i] = int.Parse(cells[64], CultureInfo.InvariantCulture);
        }

        return new ImageSet(lines.Length, 8, 8, pixels, labels);
    }

    [Fact]
    public void Fit_Digits_LowersLossAndGivesNeighboursOfTheSameDigit()
    {
        var digits = Digits();
        var (model, losses) = new ImageTrainer(new ImageTrainingOptions { Epochs = 4, BatchSize = 64, Channels = 32, EmbeddingDimension = 16, Threads = 1, Seed = 3 }).Fit(digits);
        using var _ = model;
        var e = model.Embed(digits);

        Assert.Equal(4, losses.Count);
        Assert.True(losses[^1] < losses[0], $"loss {losses[0]} -> {losses[^1]}");
        Assert.Equal((300, 16), (e.Rows, e.Dimension));

        // 1-nearest-neighbour (cosine) agreement: chance is ~0.1.
        var hits = 0;
        for (var i = 0; i < e.Rows; i++)
        {
            var best = -1;
            var bestSim = double.MinValue;
            for (var j = 0; j < e.Rows; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var sim = Cosine(e.Row(i), e.Row(j));
                if (sim > bestSim)
                {
                    (bestSim, best) = (sim, j);
                }
            }

            hits += digits.Labels![best] == digits.Labels[i] ? 1 : 0;
        }

        Assert.True(hits / 300.0 > 0.5, $"1-NN agreement {hits / 300.0}");
    }

    [Fact]
    public void Embed_OtherImageSize_ThrowsInvalidInput()
    {
        var (model, _) = new ImageTrainer(new ImageTrainingOptions { Epochs = 1, BatchSize = 64, Channels = 8, EmbeddingDimension = 4, Threads = 1 }).Fit(Digits());
        using var _ = model;
        var e = Assert.Throws<LatentOpsException>(() => model.Embed(new ImageSet(1, 28, 28, new float[784])));
        Assert.Contains("trained on 8x8", e.Message);
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var k = 0; k < a.Length; k++)
        {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }

        return dot / Math.Sqrt((na * nb) + 1e-12);
    }
}
