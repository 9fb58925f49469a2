using LatentOps.Monitoring.Internal;

namespace LatentOps.Monitoring.Drift;

/// <summary>
/// Jensen-Shannon distance (square root of the divergence, natural log; scipy's
/// <c>jensenshannon</c>) between category shares, or shares in 30 equal-width bins for numbers with
/// more than 20 distinct values; drift when it is &gt;= the threshold (0.1), as Evidently.
/// </summary>
internal sealed class JensenShannonTest : IDriftTest
{
    public const string Name = "jensen-shannon";
    private readonly int _bins;

    public JensenShannonTest(int bins) => _bins = bins;

    public DriftTestResult Test(DriftSample reference, DriftSample current, double threshold)
    {
        DriftGuards.NonEmpty(reference, current, Name);
        var (p, q) = Frequencies.Shares(reference, current, _bins);
        return DriftTestResult.FromScore(Name, Distance(p, q), threshold, reference.Count, current.Count);
    }

    public static double Distance(double[] p, double[] q)
    {
        double sp = p.Sum(), sq = q.Sum(), divergence = 0;
        for (var i = 0; i < p.Length; i++)
        {
            double a = p[i] / sp, b = q[i] / sq, m = (a + b) / 2;
            if (a > 0)
            {
                divergence += 0.5 * a * Math.Log(a / m);
            }

            if (b > 0)
            {
                divergence += 0.5 * b * Math.Log(b / m);
            }
        }

        return Math.Sqrt(Math.Max(divergence, 0));
    }
}
