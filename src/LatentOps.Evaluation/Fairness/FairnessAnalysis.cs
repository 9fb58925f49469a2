using LatentOps.Core.Tables;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Slices;

namespace LatentOps.Evaluation.Fairness;

/// <summary>Demographic parity, equal opportunity and equalized odds gaps of a binary classifier over a protected column.</summary>
public static class FairnessAnalysis
{
    /// <summary>Computes the gaps. A row is predicted positive when its positive probability is above 0.5 (the set's prediction).</summary>
    /// <param name="predictions">A binary set.</param>
    /// <param name="protectedColumn">The protected attribute, row-aligned (numbers are binned into quartiles).</param>
    /// <param name="minimumGroupRows">Groups smaller than this are left out of the gaps. The default is 30.</param>
    public static FairnessResult Compute(PredictionSet predictions, Column protectedColumn, int minimumGroupRows = 30)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(protectedColumn);
        if (predictions.Task != PredictionTask.Binary)
        {
            throw new ArgumentException("Fairness gaps are defined for binary classification.", nameof(predictions));
        }

        if (protectedColumn.Length != predictions.Count)
        {
            throw new ArgumentException($"Column '{protectedColumn.Name}' has {protectedColumn.Length} rows; the predictions have {predictions.Count}.", nameof(protectedColumn));
        }

        var (keys, order) = SliceKeys.For(protectedColumn, 4, 1000);
        var labels = predictions.Labels;
        var predicted = predictions.Predicted;
        var groups = new List<GroupRates>();
        foreach (var group in order)
        {
            int rows = 0, positives = 0, selected = 0, truePositive = 0, falsePositive = 0;
            for (var i = 0; i < keys.Length; i++)
            {
                if (!string.Equals(keys[i], group, StringComparison.Ordinal))
                {
                    continue;
                }

                rows++;
                var isPositive = labels[i] == 1;
                var saysPositive = predicted[i] == 1;
                positives += isPositive ? 1 : 0;
                selected += saysPositive ? 1 : 0;
                truePositive += isPositive && saysPositive ? 1 : 0;
                falsePositive += !isPositive && saysPositive ? 1 : 0;
            }

            var negatives = rows - positives;
            groups.Add(new GroupRates(
                group,
                rows,
                positives,
                (double)selected / rows,
                positives == 0 ? double.NaN : (double)truePositive / positives,
                negatives == 0 ? double.NaN : (double)falsePositive / negatives));
        }

        var judged = groups.Where(g => g.Rows >= minimumGroupRows).ToList();
        var tpr = Gap(judged.Select(g => g.TruePositiveRate));
        var fpr = Gap(judged.Select(g => g.FalsePositiveRate));
        return new FairnessResult(
            protectedColumn.Name,
            0.5,
            minimumGroupRows,
            groups,
            Gap(judged.Select(g => g.SelectionRate)),
            tpr,
            double.IsNaN(tpr) || double.IsNaN(fpr) ? double.NaN : Math.Max(tpr, fpr));
    }

    private static double Gap(IEnumerable<double> rates)
    {
        var defined = rates.Where(r => !double.IsNaN(r)).ToList();
        return defined.Count < 2 ? double.NaN : defined.Max() - defined.Min();
    }
}
