using LatentOps.Monitoring.Internal;

namespace LatentOps.Monitoring.Drift;

/// <summary>
/// Population stability index, sum (c - r) ln(c / r) over 30 equal-width bins for numbers (more than 20
/// distinct values) or over categories, empty bins floored at 0.0001; drift when it is &gt;= 0.1.
/// </summary>
internal sealed class PopulationStabilityIndexTest : IDriftTest
{
    public const string Name = "psi";
    private readonly int _bins;

    public PopulationStabilityIndexTest(int bins) => _bins = bins;

    public DriftTestResult Test(DriftSample reference, DriftSample current, double threshold)
    {
        DriftGuards.NonEmpty(reference, current, Name);
        var (r, c) = Frequencies.Shares(reference, current, _bins);
        var psi = 0.0;
        for (var i = 0; i < r.Length; i++)
        {
            psi += (c[i] - r[i]) * Math.Log(c[i] / r[i]);
        }

        return DriftTestResult.FromScore(Name, psi, threshold, reference.Count, current.Count);
    }
}
