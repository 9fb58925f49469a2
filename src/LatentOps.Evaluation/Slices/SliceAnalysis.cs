using LatentOps.Core.Tables;
using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Slices;

/// <summary>
/// Metrics per slice of a column, each with a bootstrap interval and row count, and a test of whether
/// the slice is worse than the rest of the rows: z = (slice - rest) / sqrt(se_slice^2 + se_rest^2)
/// with bootstrap standard errors (se_rest scaled from the whole set's, se_all x sqrt(n / n_rest)),
/// one-sided, flagged below alpha / (number of judged slices in the column).
/// </summary>
public static class SliceAnalysis
{
    /// <summary>Analyses the slices of <paramref name="column"/>.</summary>
    /// <param name="predictions">The predictions, row-aligned with <paramref name="column"/>.</param>
    /// <param name="column">The slice column.</param>
    /// <param name="metrics">Metrics to report per slice; the first is the one judged.</param>
    /// <param name="overall">The first metric's estimate on all rows (for its standard error).</param>
    /// <param name="bootstrap">Bootstrap settings.</param>
    /// <param name="options">Slice settings.</param>
    public static IReadOnlyList<SliceResult> Analyse(PredictionSet predictions, Column column, IReadOnlyList<IMetric> metrics, MetricEstimate overall, BootstrapOptions? bootstrap = null, SliceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(overall);
        bootstrap ??= new BootstrapOptions();
        options ??= new SliceOptions();
        bootstrap.Validate();
        options.Validate();
        if (column.Length != predictions.Count)
        {
            throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows; the predictions have {predictions.Count}.", nameof(column));
        }

        if (metrics.Count == 0)
        {
            throw new ArgumentException("At least one metric is needed.", nameof(metrics));
        }

        var (keys, order) = SliceKeys.For(column, options.QuantileBins, options.MaxValues);
        var primary = metrics[0];
        var sign = primary.HigherIsBetter() ? 1.0 : -1.0;
        var groups = order.ToDictionary(k => k, _ => new List<int>(), StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            groups[keys[i]].Add(i);
        }

        var drafts = new List<(string Value, int[] Rows, MetricEstimate Estimate, double RestValue, Dictionary<string, double> Others, string? Warning, double Z)>();
        foreach (var value in order)
        {
            var rows = groups[value].ToArray();
            var slice = predictions.Take(rows);
            var inSlice = new bool[predictions.Count];
            foreach (var r in rows)
            {
                inSlice[r] = true;
            }

            var restRows = Enumerable.Range(0, predictions.Count).Where(i => !inSlice[i]).ToArray();
            var rest = restRows.Length == 0 ? double.NaN : primary.Compute(predictions.Take(restRows));
            var sliceBootstrap = new BootstrapOptions { Resamples = bootstrap.Resamples, Confidence = bootstrap.Confidence, Seed = bootstrap.Seed + drafts.Count + 1 };
            var estimate = BootstrapEstimator.Estimate(slice, [primary], sliceBootstrap)[0];
            var others = metrics.Skip(1).ToDictionary(m => m.Name, m => m.Compute(slice));
            string? warning = null;
            if (rows.Length < options.MinimumRows)
            {
                warning = $"too small to judge: {rows.Length} rows (fewer than {options.MinimumRows})";
            }
            else if (double.IsNaN(estimate.Value) || double.IsNaN(estimate.StandardError))
            {
                warning = $"{primary.Name} is undefined on this slice (e.g. only one class present)";
            }
            else if (restRows.Length == 0)
            {
                warning = "the slice holds every row";
            }

            var z = double.NaN;
            if (warning is null)
            {
                var restSe = overall.StandardError * Math.Sqrt((double)predictions.Count / restRows.Length);
                var se = Math.Sqrt((estimate.StandardError * estimate.StandardError) + (restSe * restSe));
                z = se > 0 ? sign * (estimate.Value - rest) / se : double.NaN;
            }

            drafts.Add((value, rows, estimate, rest, others, warning, z));
        }

        var judged = Math.Max(1, drafts.Count(d => !double.IsNaN(d.Z)));
        var threshold = options.Alpha / judged;
        return [.. drafts.Select(d =>
        {
            var p = double.IsNaN(d.Z) ? double.NaN : NormalCdf(d.Z);
            return new SliceResult(column.Name, d.Value, d.Rows.Length, primary.Name, d.Estimate, d.RestValue, d.Estimate.Value - d.RestValue, p, threshold, p < threshold, d.Others, d.Warning);
        })];
    }

    /// <summary>Standard normal CDF (Abramowitz-Stegun 7.1.26 on erf, error below 1.5e-7).</summary>
    internal static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + (0.3275911 * x));
        var poly = ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t;
        var erf = 1 - (poly * Math.Exp(-x * x));
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
