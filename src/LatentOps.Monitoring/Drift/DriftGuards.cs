using LatentOps.Core.Errors;

namespace LatentOps.Monitoring.Drift;

/// <summary>Input checks shared by the tests, with messages naming the column.</summary>
internal static class DriftGuards
{
    public static double[] Numbers(DriftSample sample, string test)
    {
        if (!sample.IsNumeric)
        {
            throw LatentOpsException.InvalidInput($"Column '{sample.Name}' is categorical; the {test} test takes numbers. Use chi-square, jensen-shannon or psi.");
        }

        if (sample.Count == 0)
        {
            throw LatentOpsException.InvalidInput($"Column '{sample.Name}' has no non-missing values; the {test} test needs at least one on each side.");
        }

        return sample.Numbers!;
    }

    public static void NonEmpty(DriftSample reference, DriftSample current, string test)
    {
        foreach (var s in new[] { reference, current })
        {
            if (s.Count == 0)
            {
                throw LatentOpsException.InvalidInput($"Column '{s.Name}' has no non-missing values; the {test} test needs at least one on each side.");
            }
        }
    }
}
