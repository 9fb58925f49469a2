using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Bootstrap;

/// <summary>
/// Percentile bootstrap intervals for metrics: rows resampled with replacement, every metric computed
/// on the same resample, the interval read from the (1 - c) / 2 and (1 + c) / 2 quantiles of the
/// defined values. Deterministic for a seed.
/// </summary>
public static class BootstrapEstimator
{
    /// <summary>The values and intervals of <paramref name="metrics"/> on <paramref name="predictions"/>.</summary>
    public static IReadOnlyList<MetricEstimate> Estimate(PredictionSet predictions, IReadOnlyList<IMetric> metrics, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(metrics);
        options ??= new BootstrapOptions();
        options.Validate();
        var samples = Resample(predictions, metrics, options);
        return [.. metrics.Select((m, j) => Summarise(m.Name, m.Compute(predictions), samples[j], options, predictions.Count))];
    }

    /// <summary>The resampled values: one array per metric, one value per resample (NaN where undefined).</summary>
    public static double[][] Resample(PredictionSet predictions, IReadOnlyList<IMetric> metrics, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var n = predictions.Count;
        var values = metrics.Select(_ => new double[options.Resamples]).ToArray();
        var rows = new int[n];
        for (var b = 0; b < options.Resamples; b++)
        {
            for (var i = 0; i < n; i++)
            {
                rows[i] = random.Next(n);
            }

            var resample = predictions.Take(rows);
            for (var j = 0; j < metrics.Count; j++)
            {
                values[j][b] = n == 0 ? double.NaN : metrics[j].Compute(resample);
            }
        }

        return values;
    }

    /// <summary>Summarises resampled values into an estimate.</summary>
    public static MetricEstimate Summarise(string metric, double value, IReadOnlyList<double> resampled, BootstrapOptions options, int rows)
    {
        ArgumentNullException.ThrowIfNull(resampled);
        ArgumentNullException.ThrowIfNull(options);
        var valid = resampled.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (valid.Length < 2)
        {
            return new MetricEstimate(metric, value, double.NaN, double.NaN, double.NaN, options.Confidence, options.Resamples, valid.Length, options.Seed, rows);
        }

        var alpha = (1 - options.Confidence) / 2;
        var mean = valid.Average();
        var sd = Math.Sqrt(valid.Sum(v => (v - mean) * (v - mean)) / (valid.Length - 1));
        return new MetricEstimate(metric, value, Quantile(valid, alpha), Quantile(valid, 1 - alpha), sd, options.Confidence, options.Resamples, valid.Length, options.Seed, rows);
    }

    /// <summary>Linear-interpolated quantile of sorted values (numpy's default method).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
