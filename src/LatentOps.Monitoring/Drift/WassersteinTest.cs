namespace LatentOps.Monitoring.Drift;

/// <summary>
/// Wasserstein-1 distance between the empirical distributions divided by the reference standard
/// deviation (floored at 0.001), as Evidently's <c>wasserstein</c>; drift when it is &gt;= the threshold (0.1).
/// </summary>
internal sealed class WassersteinTest : IDriftTest
{
    public const string Name = "wasserstein";

    public DriftTestResult Test(DriftSample reference, DriftSample current, double threshold)
    {
        var a = DriftGuards.Numbers(reference, Name);
        var b = DriftGuards.Numbers(current, Name);
        var mean = a.Average();
        var std = Math.Sqrt(a.Sum(v => (v - mean) * (v - mean)) / a.Length);
        var w = Distance(a, b) / Math.Max(std, 0.001);
        return DriftTestResult.FromScore(Name, w, threshold, a.Length, b.Length);
    }

    /// <summary>The integral of |F_a - F_b| (scipy.stats.wasserstein_distance with equal weights).</summary>
    public static double Distance(double[] a, double[] b)
    {
        var x = (double[])a.Clone();
        var y = (double[])b.Clone();
        Array.Sort(x);
        Array.Sort(y);
        int i = 0, j = 0;
        var total = 0.0;
        var previous = Math.Min(x[0], y[0]);
        while (i < x.Length || j < y.Length)
        {
            var v = j >= y.Length || (i < x.Length && x[i] <= y[j]) ? x[i] : y[j];
            total += Math.Abs(((double)i / x.Length) - ((double)j / y.Length)) * (v - previous);
            while (i < x.Length && x[i] <= v)
            {
                i++;
            }

            while (j < y.Length && y[j] <= v)
            {
                j++;
            }

            previous = v;
        }

        return total;
    }
}
