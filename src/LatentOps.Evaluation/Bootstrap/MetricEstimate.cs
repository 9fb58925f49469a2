namespace LatentOps.Evaluation.Bootstrap;

/// <summary>A metric's value on the data with its bootstrap confidence interval.</summary>
/// <param name="Metric">The metric name.</param>
/// <param name="Value">The value on all rows (NaN when undefined).</param>
/// <param name="Lower">Lower end of the percentile interval (NaN when too few resamples were defined).</param>
/// <param name="Upper">Upper end.</param>
/// <param name="StandardError">Standard deviation of the resampled values.</param>
/// <param name="Confidence">Coverage of the interval (e.g. 0.95).</param>
/// <param name="Resamples">Resamples drawn.</param>
/// <param name="ValidResamples">Resamples where the metric was defined (e.g. both classes present for ROC-AUC).</param>
/// <param name="Seed">Seed used.</param>
/// <param name="Rows">Rows the value was computed on.</param>
public sealed record MetricEstimate(string Metric, double Value, double Lower, double Upper, double StandardError, double Confidence, int Resamples, int ValidResamples, int Seed, int Rows)
{
    /// <summary>Half the interval width: differences smaller than this cannot be told apart at this sample size.</summary>
    public double HalfWidth => (Upper - Lower) / 2;
}
