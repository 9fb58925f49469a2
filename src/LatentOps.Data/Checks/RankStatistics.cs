namespace LatentOps.Data.Checks;

/// <summary>Rank-based statistics used by the checks: ROC AUC (Mann-Whitney, ties averaged) and the two-sample KS statistic.</summary>
internal static class RankStatistics
{
    /// <summary>AUC of <paramref name="scores"/> for <paramref name="positive"/>; NaN when a class is empty.</summary>
    public static double Auc(double[] scores, bool[] positive)
    {
        var n = scores.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = (double[])scores.Clone();
        Array.Sort(keys, order);
        double rankSumPositive = 0;
        long positives = 0;
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            var averageRank = ((start + 1) + end) / 2.0;
            for (var i = start; i < end; i++)
            {
                if (positive[order[i]])
                {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }

            start = end;
        }

        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (rankSumPositive - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>The two-sample Kolmogorov-Smirnov statistic (largest gap between the empirical CDFs) of sorted samples.</summary>
    public static double KolmogorovSmirnov(double[] a, double[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return double.NaN;
        }

        int i = 0, j = 0;
        double d = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= x)
            {
                i++;
            }

            while (j < b.Length && b[j] <= x)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(((double)i / a.Length) - ((double)j / b.Length)));
        }

        return d;
    }
}
