namespace LatentOps.Monitoring.Internal;

/// <summary>Shared binning for the frequency-based tests (Jensen-Shannon, PSI).</summary>
internal static class Frequencies
{
    /// <summary>The floor for empty bins, as in Evidently (so logarithms stay finite).</summary>
    public const double EmptyBinShare = 0.0001;

    /// <summary>
    /// Shares of reference and current values per bin: numbers with more than 20 distinct reference
    /// values go into <paramref name="bins"/> equal-width bins over the combined range; otherwise each
    /// distinct value (category) is a bin. Empty bins get <see cref="EmptyBinShare"/>.
    /// </summary>
    public static (double[] Reference, double[] Current) Shares(Drift.DriftSample reference, Drift.DriftSample current, int bins)
    {
        double[] r, c;
        if (reference.IsNumeric && current.IsNumeric && reference.Numbers!.Distinct().Take(21).Count() > 20)
        {
            var min = Math.Min(reference.Numbers!.Min(), current.Numbers!.Min());
            var max = Math.Max(reference.Numbers!.Max(), current.Numbers!.Max());
            r = Histogram(reference.Numbers!, min, max, bins);
            c = Histogram(current.Numbers!, min, max, bins);
        }
        else
        {
            var refLabels = reference.AsLabels();
            var curLabels = current.AsLabels();
            var keys = refLabels.Concat(curLabels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var index = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
            r = new double[keys.Length];
            c = new double[keys.Length];
            foreach (var v in refLabels)
            {
                r[index[v]]++;
            }

            foreach (var v in curLabels)
            {
                c[index[v]]++;
            }
        }

        Normalise(r);
        Normalise(c);
        return (r, c);
    }

    /// <summary>Counts in equal-width bins over [min, max] (the last bin closed), like numpy.histogram.</summary>
    public static double[] Histogram(double[] values, double min, double max, int bins)
    {
        var counts = new double[bins];
        var width = (max - min) / bins;
        foreach (var v in values)
        {
            var b = width > 0 ? (int)((v - min) / width) : 0;
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }

        return counts;
    }

    private static void Normalise(double[] counts)
    {
        var total = counts.Sum();
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = total > 0 ? counts[i] / total : 0;
            if (counts[i] == 0)
            {
                counts[i] = EmptyBinShare;
            }
        }
    }
}
