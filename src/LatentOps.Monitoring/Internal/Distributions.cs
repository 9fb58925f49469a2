namespace LatentOps.Monitoring.Internal;

/// <summary>Survival functions the drift tests need.</summary>
internal static class Distributions
{
    /// <summary>
    /// P(K &gt; lambda) for the Kolmogorov distribution: 2 sum (-1)^(k-1) exp(-2 k^2 lambda^2), with the
    /// Jacobi-theta form for small lambda where the alternating series converges slowly.
    /// </summary>
    public static double KolmogorovSurvival(double lambda)
    {
        if (lambda <= 0)
        {
            return 1;
        }

        if (lambda < 1.18)
        {
            // 1 - sqrt(2 pi)/lambda * sum exp(-(2k-1)^2 pi^2 / (8 lambda^2))
            var w = Math.PI * Math.PI / (8 * lambda * lambda);
            var sum = 0.0;
            for (var k = 1; k <= 8; k++)
            {
                var odd = (2 * k) - 1;
                sum += Math.Exp(-odd * odd * w);
            }

            return Math.Clamp(1 - (Math.Sqrt(2 * Math.PI) / lambda * sum), 0, 1);
        }

        var total = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * lambda * lambda);
            total += (k % 2 == 1 ? term : -term);
            if (term < 1e-17)
            {
                break;
            }
        }

        return Math.Clamp(2 * total, 0, 1);
    }

    /// <summary>
    /// Two-sided p-value of the two-sample KS statistic <paramref name="d"/>: Smirnov's asymptotic
    /// distribution with Stephens' small-sample correction, lambda = (sqrt(en) + 0.12 + 0.11/sqrt(en)) d,
    /// en = n m / (n + m). Within 0.02 of scipy's <c>ks_2samp(method="asymp")</c> (which uses the exact one-sample kstwo distribution); about 0.002 from a few hundred rows on.
    /// </summary>
    public static double KolmogorovSmirnovPValue(double d, int n, int m)
    {
        var en = (double)n * m / (n + m);
        var s = Math.Sqrt(en);
        return KolmogorovSurvival((s + 0.12 + (0.11 / s)) * d);
    }

    /// <summary>P(X &gt; x) for a chi-square variable with <paramref name="degrees"/> degrees of freedom.</summary>
    public static double ChiSquareSurvival(double x, int degrees)
    {
        if (degrees <= 0 || double.IsNaN(x))
        {
            return 1;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0;
        }

        return x <= 0 ? 1 : MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(degrees / 2.0, x / 2.0);
    }

    /// <summary>P(Z &gt; z) for a standard normal variable.</summary>
    public static double NormalSurvival(double z) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(z / Math.Sqrt(2));
}
