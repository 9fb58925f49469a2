namespace LatentOps.Insights.Analysis;

/// <summary>The first two principal components (power iteration with deflation), for a 2-D map of embeddings.</summary>
internal static class Pca2
{
    public static (double[] X, double[] Y) Project(double[][] points)
    {
        var n = points.Length;
        var d = points[0].Length;
        var mean = new double[d];
        foreach (var p in points)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += p[j] / n;
            }
        }

        var covariance = new double[d, d];
        foreach (var p in points)
        {
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    covariance[a, b] += (p[a] - mean[a]) * (p[b] - mean[b]) / n;
                }
            }
        }

        var first = Leading(covariance, d);
        var lambda = Rayleigh(covariance, first, d);
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < d; b++)
            {
                covariance[a, b] -= lambda * first[a] * first[b];
            }
        }

        var second = Leading(covariance, d);
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                x[i] += (points[i][j] - mean[j]) * first[j];
                y[i] += (points[i][j] - mean[j]) * second[j];
            }
        }

        return (x, y);
    }

    private static double[] Leading(double[,] matrix, int d)
    {
        var v = new double[d];
        for (var j = 0; j < d; j++)
        {
            v[j] = 1.0 / Math.Sqrt(d) * (1 + (0.01 * j));
        }

        for (var iteration = 0; iteration < 200; iteration++)
        {
            var next = new double[d];
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    next[a] += matrix[a, b] * v[b];
                }
            }

            var norm = Math.Sqrt(next.Sum(t => t * t));
            if (norm < 1e-15)
            {
                return v;
            }

            for (var a = 0; a < d; a++)
            {
                next[a] /= norm;
            }

            v = next;
        }

        // A fixed sign, so maps do not flip between runs.
        var largest = v.Select((t, i) => (Math.Abs(t), i)).Max().i;
        if (v[largest] < 0)
        {
            for (var a = 0; a < d; a++)
            {
                v[a] = -v[a];
            }
        }

        return v;
    }

    private static double Rayleigh(double[,] matrix, double[] v, int d)
    {
        double sum = 0;
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < d; b++)
            {
                sum += v[a] * matrix[a, b] * v[b];
            }
        }

        return sum;
    }
}
