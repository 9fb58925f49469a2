using LatentOps.Monitoring.Internal;

namespace LatentOps.Monitoring.Drift;

/// <summary>
/// Chi-square test of homogeneity on the 2 x k table of category counts (no continuity correction;
/// scipy's <c>chi2_contingency(correction=False)</c>). With two categories it equals the two-proportion
/// z-test Evidently uses for binary columns.
/// </summary>
internal sealed class ChiSquareTest : IDriftTest
{
    public const string Name = "chi-square";

    public DriftTestResult Test(DriftSample reference, DriftSample current, double threshold)
    {
        DriftGuards.NonEmpty(reference, current, Name);
        var r = reference.AsLabels();
        var c = current.AsLabels();
        var counts = new Dictionary<string, (double R, double C)>(StringComparer.Ordinal);
        foreach (var v in r)
        {
            counts[v] = counts.TryGetValue(v, out var p) ? (p.R + 1, p.C) : (1, 0);
        }

        foreach (var v in c)
        {
            counts[v] = counts.TryGetValue(v, out var p) ? (p.R, p.C + 1) : (0, 1);
        }

        double nr = r.Length, nc = c.Length, n = nr + nc;
        var chi2 = 0.0;
        foreach (var (cr, cc) in counts.Values)
        {
            var total = cr + cc;
            var er = total * nr / n;
            var ec = total * nc / n;
            chi2 += ((cr - er) * (cr - er) / er) + ((cc - ec) * (cc - ec) / ec);
        }

        var dof = counts.Count - 1;
        var pValue = dof == 0 ? 1.0 : Distributions.ChiSquareSurvival(chi2, dof);
        return DriftTestResult.FromPValue(Name, chi2, pValue, threshold, r.Length, c.Length);
    }
}
