namespace LatentOps.Monitoring.Screening;

/// <summary>What screening found in new training data, and the settings used.</summary>
/// <param name="Rows">Rows screened.</param>
/// <param name="Outliers">Rows far from the reference in embedding space.</param>
/// <param name="SuspectedLabelFlips">Rows whose label disagrees with their neighbours'.</param>
/// <param name="OutlierThreshold">The distance threshold used.</param>
/// <param name="Neighbours">k.</param>
/// <param name="FlipAgreement">The agreement share used.</param>
public sealed record ScreeningResult(int Rows, IReadOnlyList<ScreenedRow> Outliers, IReadOnlyList<ScreenedRow> SuspectedLabelFlips, double OutlierThreshold, int Neighbours, double FlipAgreement)
{
    /// <summary>Row indices to train on after excluding what the policy says to exclude.</summary>
    public int[] KeptRows(bool excludeOutliers, bool excludeSuspectedLabelFlips)
    {
        var drop = new HashSet<int>();
        if (excludeOutliers)
        {
            drop.UnionWith(Outliers.Select(o => o.Row));
        }

        if (excludeSuspectedLabelFlips)
        {
            drop.UnionWith(SuspectedLabelFlips.Select(o => o.Row));
        }

        return [.. Enumerable.Range(0, Rows).Where(r => !drop.Contains(r))];
    }
}
