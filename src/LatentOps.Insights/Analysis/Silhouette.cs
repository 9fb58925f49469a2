namespace LatentOps.Insights.Analysis;

/// <summary>
/// The mean silhouette (Rousseeuw 1987, as scikit-learn's <c>silhouette_score</c> with Euclidean
/// distance): for each point, (b - a) / max(a, b) with a the mean distance to its own cluster and b to
/// the nearest other cluster; singletons score 0. Higher is better, in [-1, 1].
/// </summary>
internal static class Silhouette
{
    public static double Score(double[][] points, int[] labels, int k)
    {
        var n = points.Length;
        var counts = new int[k];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        double total = 0;
        var sums = new double[k];
        for (var i = 0; i < n; i++)
        {
            Array.Clear(sums);
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    sums[labels[j]] += Math.Sqrt(KMeans.Distance2(points[i], points[j]));
                }
            }

            var own = labels[i];
            if (counts[own] <= 1)
            {
                continue;
            }

            var a = sums[own] / (counts[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
            {
                if (c != own && counts[c] > 0)
                {
                    b = Math.Min(b, sums[c] / counts[c]);
                }
            }

            total += (b - a) / Math.Max(a, b);
        }

        return total / n;
    }
}
