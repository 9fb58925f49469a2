namespace LatentOps.Monitoring.Internal;

/// <summary>
/// ROC-AUC as the Mann-Whitney statistic (ties count one half). A minimal internal copy until
/// LatentOps.Evaluation's metric can be referenced; to be deduplicated then.
/// </summary>
internal static class RocAuc
{
    public static double Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var s = scores.ToArray();
        Array.Sort(s, order);
        double rankSumPositive = 0;
        long positives = 0;
        var k = 0;
        while (k < s.Length)
        {
            var end = k;
            while (end + 1 < s.Length && s[end + 1] == s[k])
            {
                end++;
            }

            var rank = ((k + end) / 2.0) + 1;
            for (var t = k; t <= end; t++)
            {
                if (positive[order[t]])
                {
                    rankSumPositive += rank;
                    positives++;
                }
            }

            k = end + 1;
        }

        long negatives = s.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        return (rankSumPositive - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
