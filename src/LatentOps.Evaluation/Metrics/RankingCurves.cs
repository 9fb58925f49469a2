namespace LatentOps.Evaluation.Metrics;

/// <summary>
/// ROC and precision-recall curves of a binary problem, built like scikit-learn's
/// <c>_binary_clf_curve</c>: rows sorted by descending score, one point per distinct score (tied
/// scores form one threshold).
/// </summary>
public static class RankingCurves
{
    /// <summary>The ROC curve from (0, 0) to (1, 1); NaN rates when a class is absent.</summary>
    public static CurvePoints Roc(ReadOnlySpan<bool> positive, ReadOnlySpan<double> scores)
    {
        var (fps, tps, thresholds) = Cumulative(positive, scores);
        var x = new double[fps.Length + 1];
        var y = new double[fps.Length + 1];
        var t = new double[fps.Length + 1];
        t[0] = double.PositiveInfinity;
        var totalF = fps.Length == 0 ? 0 : fps[^1];
        var totalT = tps.Length == 0 ? 0 : tps[^1];
        for (var i = 0; i < fps.Length; i++)
        {
            x[i + 1] = totalF == 0 ? double.NaN : fps[i] / totalF;
            y[i + 1] = totalT == 0 ? double.NaN : tps[i] / totalT;
            t[i + 1] = thresholds[i];
        }

        return new CurvePoints(x, y, t);
    }

    /// <summary>
    /// The precision-recall curve in scikit-learn's order (recall decreasing, ending at recall 0,
    /// precision 1). With no positive row, recall is 1 at every threshold, as scikit-learn sets it.
    /// </summary>
    public static CurvePoints PrecisionRecall(ReadOnlySpan<bool> positive, ReadOnlySpan<double> scores)
    {
        var (fps, tps, thresholds) = Cumulative(positive, scores);
        var m = fps.Length;
        var recall = new double[m + 1];
        var precision = new double[m + 1];
        var t = new double[m + 1];
        var totalT = m == 0 ? 0 : tps[^1];
        for (var i = 0; i < m; i++)
        {
            var j = m - 1 - i;
            var predictedPositive = tps[i] + fps[i];
            precision[j] = predictedPositive == 0 ? 0 : tps[i] / predictedPositive;
            recall[j] = totalT == 0 ? 1 : tps[i] / totalT;
            t[j] = thresholds[i];
        }

        precision[m] = 1;
        recall[m] = 0;
        t[m] = double.PositiveInfinity;
        return new CurvePoints(recall, precision, t);
    }

    /// <summary>Area under the ROC curve (trapezoids); NaN when only one class is present.</summary>
    public static double RocAuc(ReadOnlySpan<bool> positive, ReadOnlySpan<double> scores)
    {
        var (fps, tps, _) = Cumulative(positive, scores);
        if (fps.Length == 0 || fps[^1] == 0 || tps[^1] == 0)
        {
            return double.NaN;
        }

        double area = 0, prevX = 0, prevY = 0;
        for (var i = 0; i < fps.Length; i++)
        {
            var x = fps[i] / fps[^1];
            var y = tps[i] / tps[^1];
            area += (x - prevX) * (y + prevY) / 2;
            prevX = x;
            prevY = y;
        }

        return area;
    }

    /// <summary>scikit-learn <c>average_precision_score</c>: sum over thresholds of (R_n - R_{n-1}) P_n.</summary>
    public static double AveragePrecision(ReadOnlySpan<bool> positive, ReadOnlySpan<double> scores)
    {
        var curve = PrecisionRecall(positive, scores);
        double sum = 0;
        for (var j = 0; j < curve.X.Count - 1; j++)
        {
            sum -= (curve.X[j + 1] - curve.X[j]) * curve.Y[j];
        }

        return sum;
    }

    /// <summary>Area under the precision-recall curve by trapezoids (scikit-learn <c>auc(recall, precision)</c>).</summary>
    public static double PrAuc(ReadOnlySpan<bool> positive, ReadOnlySpan<double> scores)
    {
        var curve = PrecisionRecall(positive, scores);
        double sum = 0;
        for (var j = 0; j < curve.X.Count - 1; j++)
        {
            sum -= (curve.X[j + 1] - curve.X[j]) * (curve.Y[j] + curve.Y[j + 1]) / 2;
        }

        return sum;
    }

    private static (double[] Fps, double[] Tps, double[] Thresholds) Cumulative(ReadOnlySpan<bool> positive, ReadOnlySpan<double> scores)
    {
        if (positive.Length != scores.Length)
        {
            throw new ArgumentException($"{positive.Length} labels but {scores.Length} scores.", nameof(scores));
        }

        var n = scores.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        // Descending by score (sorting negated keys); the order within ties does not matter: ties share a threshold.
        var keys = new double[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = -scores[i];
        }

        Array.Sort(keys, order);
        var fps = new List<double>();
        var tps = new List<double>();
        var thresholds = new List<double>();
        double tp = 0, fp = 0;
        for (var i = 0; i < n; i++)
        {
            if (positive[order[i]])
            {
                tp++;
            }
            else
            {
                fp++;
            }

            if (i == n - 1 || keys[i + 1] != keys[i])
            {
                fps.Add(fp);
                tps.Add(tp);
                thresholds.Add(-keys[i]);
            }
        }

        return ([.. fps], [.. tps], [.. thresholds]);
    }
}
