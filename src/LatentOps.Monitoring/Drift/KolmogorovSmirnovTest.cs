using LatentOps.Monitoring.Internal;

namespace LatentOps.Monitoring.Drift;

/// <summary>Two-sample Kolmogorov-Smirnov test on numbers (two-sided, asymptotic p-value).</summary>
internal sealed class KolmogorovSmirnovTest : IDriftTest
{
    public const string Name = "ks";

    public DriftTestResult Test(DriftSample reference, DriftSample current, double threshold)
    {
        var a = DriftGuards.Numbers(reference, Name);
        var b = DriftGuards.Numbers(current, Name);
        var d = Statistic(a, b);
        return DriftTestResult.FromPValue(Name, d, Distributions.KolmogorovSmirnovPValue(d, a.Length, b.Length), threshold, a.Length, b.Length);
    }

    /// <summary>sup |F_a - F_b| over the pooled values (ties handled as in scipy).</summary>
    public static double Statistic(double[] a, double[] b)
    {
        var x = (double[])a.Clone();
        var y = (double[])b.Clone();
        Array.Sort(x);
        Array.Sort(y);
        int i = 0, j = 0;
        var d = 0.0;
        while (i < x.Length && j < y.Length)
        {
            var v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v)
            {
                i++;
            }

            while (j < y.Length && y[j] <= v)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(((double)i / x.Length) - ((double)j / y.Length)));
        }

        return d;
    }
}
