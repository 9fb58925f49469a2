using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Tests;

/// <summary>Seeded synthetic binary predictions with a known quality per group.</summary>
internal static class Synthetic
{
    /// <summary>
    /// Rows in groups; in group g the positive-class score separates the classes with strength
    /// <paramref name="strength"/>[g] (0 = random, 3 = nearly perfect).
    /// </summary>
    public static (PredictionSet Set, string[] Groups) Grouped(int rowsPerGroup, double[] strength, int seed = 1)
    {
        var random = new Random(seed);
        var labels = new List<int>();
        var scores = new List<double>();
        var groups = new List<string>();
        for (var g = 0; g < strength.Length; g++)
        {
            for (var i = 0; i < rowsPerGroup; i++)
            {
                var y = random.NextDouble() < 0.4 ? 1 : 0;
                var logit = ((y == 1 ? 1 : -1) * strength[g]) + Gaussian(random);
                labels.Add(y);
                scores.Add(1 / (1 + Math.Exp(-logit)));
                groups.Add($"g{g}");
            }
        }

        return (PredictionSet.Binary([.. labels], [.. scores]), [.. groups]);
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
