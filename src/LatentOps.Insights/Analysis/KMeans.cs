namespace LatentOps.Insights.Analysis;

/// <summary>Seeded k-means (k-means++ starts, several restarts, Lloyd iterations); the lowest within-cluster sum of squares wins.</summary>
internal static class KMeans
{
    public static (int[] Labels, double[][] Centroids, double Inertia) Fit(double[][] points, int k, int seed, int restarts = 5, int maxIterations = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points.Length, k);
        (int[] Labels, double[][] Centroids, double Inertia)? best = null;
        for (var r = 0; r < restarts; r++)
        {
            // Not HashCode.Combine: it is randomised per process, and runs must repeat across processes.
            var random = new Random((int)(((seed * 1_000_003L) + (k * 1_009L) + r) & int.MaxValue));
            var run = Run(points, k, random, maxIterations);
            if (best is null || run.Inertia < best.Value.Inertia - 1e-12)
            {
                best = run;
            }
        }

        return Canonical(best!.Value);
    }

    private static (int[] Labels, double[][] Centroids, double Inertia) Run(double[][] points, int k, Random random, int maxIterations)
    {
        var n = points.Length;
        var d = points[0].Length;
        var centroids = new double[k][];
        centroids[0] = (double[])points[random.Next(n)].Clone();
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        for (var c = 1; c < k; c++)
        {
            double total = 0;
            for (var i = 0; i < n; i++)
            {
                nearest[i] = Math.Min(nearest[i], Distance2(points[i], centroids[c - 1]));
                total += nearest[i];
            }

            var target = random.NextDouble() * total;
            var chosen = n - 1;
            for (var i = 0; i < n; i++)
            {
                target -= nearest[i];
                if (target <= 0)
                {
                    chosen = i;
                    break;
                }
            }

            centroids[c] = (double[])points[chosen].Clone();
        }

        var labels = new int[n];
        Array.Fill(labels, -1);
        double inertia = 0;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var changed = false;
            inertia = 0;
            for (var i = 0; i < n; i++)
            {
                var (label, distance) = Nearest(points[i], centroids);
                inertia += distance;
                if (label != labels[i])
                {
                    labels[i] = label;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }

            var sums = new double[k][];
            var counts = new int[k];
            for (var c = 0; c < k; c++)
            {
                sums[c] = new double[d];
            }

            for (var i = 0; i < n; i++)
            {
                counts[labels[i]]++;
                for (var j = 0; j < d; j++)
                {
                    sums[labels[i]][j] += points[i][j];
                }
            }

            for (var c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    // An empty cluster takes the point farthest from its centroid.
                    var far = 0;
                    var farDistance = -1.0;
                    for (var i = 0; i < n; i++)
                    {
                        var dist = Distance2(points[i], centroids[labels[i]]);
                        if (dist > farDistance)
                        {
                            farDistance = dist;
                            far = i;
                        }
                    }

                    centroids[c] = (double[])points[far].Clone();
                    continue;
                }

                for (var j = 0; j < d; j++)
                {
                    centroids[c][j] = sums[c][j] / counts[c];
                }
            }
        }

        return (labels, centroids, inertia);
    }

    public static (int Label, double Distance2) Nearest(double[] point, double[][] centroids)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var c = 0; c < centroids.Length; c++)
        {
            var distance = Distance2(point, centroids[c]);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = c;
            }
        }

        return (best, bestDistance);
    }

    public static double Distance2(double[] a, double[] b)
    {
        double sum = 0;
        for (var j = 0; j < a.Length; j++)
        {
            var diff = a[j] - b[j];
            sum += diff * diff;
        }

        return sum;
    }

    // Largest cluster first, so segment numbers do not depend on which start won.
    private static (int[] Labels, double[][] Centroids, double Inertia) Canonical((int[] Labels, double[][] Centroids, double Inertia) fit)
    {
        var k = fit.Centroids.Length;
        var counts = new int[k];
        foreach (var label in fit.Labels)
        {
            counts[label]++;
        }

        var order = Enumerable.Range(0, k).OrderByDescending(c => counts[c]).ThenBy(c => c).ToArray();
        var rename = new int[k];
        for (var i = 0; i < k; i++)
        {
            rename[order[i]] = i;
        }

        return ([.. fit.Labels.Select(l => rename[l])], [.. order.Select(c => fit.Centroids[c])], fit.Inertia);
    }
}
