using System.Globalization;
using LatentOps.Core.Progress;
using LatentOps.Core.Tables;
using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Calibration;
using LatentOps.Evaluation.Fairness;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Slices;

namespace LatentOps.Evaluation.Suite;

/// <summary>
/// The full evaluation of a set of predictions: every metric, bootstrap intervals on the headline
/// ones, confusion matrix and curves, calibration with temperature scaling, slices with the worst
/// flagged, fairness gaps and small-sample warnings.
/// </summary>
public static class EvaluationSuite
{
    /// <summary>Runs the evaluation.</summary>
    /// <param name="predictions">The predictions.</param>
    /// <param name="sliceColumns">Columns to slice by, row-aligned with the predictions.</param>
    /// <param name="protectedColumn">The protected attribute for fairness gaps (binary only), or null.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="progress">Receives a report per stage.</param>
    /// <param name="validation">
    /// Predictions on separate validation rows to fit the temperature on (then measured on all of
    /// <paramref name="predictions"/>); when null, the temperature is fitted on a seeded stratified part of
    /// <paramref name="predictions"/> and measured on the rest.
    /// </param>
    public static EvaluationResult Run(PredictionSet predictions, IReadOnlyList<Column>? sliceColumns = null, Column? protectedColumn = null, EvaluationOptions? options = null, IProgress<ProgressUpdate>? progress = null, PredictionSet? validation = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        options ??= new EvaluationOptions();
        options.Validate();
        sliceColumns ??= [];
        var stages = 3 + sliceColumns.Count + (protectedColumn is null ? 0 : 1);
        var done = 0;
        void Report(string detail) => progress?.Report(new ProgressUpdate("evaluate", ++done, stages, detail));

        var task = predictions.Task;
        var metrics = MetricCatalog.For(task).ToDictionary(m => m.Name, m => m.Compute(predictions));
        var headlineMetrics = MetricCatalog.Headline(task);
        var headline = BootstrapEstimator.Estimate(predictions, headlineMetrics, options.Bootstrap);
        Report($"{headlineMetrics.Count} headline metrics with {options.Bootstrap.Resamples} bootstrap resamples");

        ConfusionMatrix? confusion = null;
        CurvePoints? roc = null, pr = null;
        CalibrationResult? calibration = null;
        TemperatureScalingResult? temperature = null;
        var warnings = new List<string>();
        var classCounts = new long[predictions.ClassCount];
        if (predictions.IsClassification)
        {
            confusion = ConfusionMatrix.Compute(predictions);
            classCounts = [.. confusion.Support];
            if (task == PredictionTask.Binary)
            {
                var positive = OneVsRest.IsClass(predictions, 1);
                var scores = predictions.ClassScores(1);
                roc = Thin(RankingCurves.Roc(positive, scores));
                pr = Thin(RankingCurves.PrecisionRecall(positive, scores));
            }

            calibration = CalibrationAnalysis.Compute(predictions, options.CalibrationBins);
            temperature = validation is null ? FitTemperature(predictions, options, warnings) : FitTemperature(validation, predictions, options);
        }

        Report("confusion matrix, curves, calibration");

        var primaryMetric = MetricCatalog.Primary(task);
        var primary = headline.First(h => h.Metric == primaryMetric.Name);
        var slices = new Dictionary<string, IReadOnlyList<SliceResult>>(StringComparer.Ordinal);
        foreach (var column in sliceColumns)
        {
            var sliceMetrics = new List<IMetric> { primaryMetric };
            sliceMetrics.AddRange(headlineMetrics.Where(m => m.Name != primaryMetric.Name).Take(3));
            var results = SliceAnalysis.Analyse(predictions, column, sliceMetrics, primary, options.Bootstrap, options.Slices);
            slices[column.Name] = results;
            var tooSmall = results.Count(r => r.Warning is not null && r.Warning.StartsWith("too small", StringComparison.Ordinal));
            if (tooSmall > 0)
            {
                warnings.Add($"{tooSmall} of {results.Count} slices of '{column.Name}' have fewer than {options.Slices.MinimumRows} rows: too small to judge, never flagged.");
            }

            Report($"slices of {column.Name}");
        }

        FairnessResult? fairness = null;
        if (protectedColumn is not null)
        {
            if (task != PredictionTask.Binary)
            {
                warnings.Add($"Fairness gaps for '{protectedColumn.Name}' are defined for binary classification only; skipped.");
            }
            else
            {
                fairness = FairnessAnalysis.Compute(predictions, protectedColumn, options.Slices.MinimumRows);
            }

            Report($"fairness over {protectedColumn.Name}");
        }

        warnings.InsertRange(0, SampleSizeWarnings(predictions, classCounts, primary, options));
        Report("done");
        return new EvaluationResult(task, predictions.Count, predictions.ClassNames, classCounts, primaryMetric.Name, metrics, headline, confusion, roc, pr, calibration, temperature, slices, fairness, warnings, options.Bootstrap, validation is null ? options.CalibrationFraction : null, validation?.Count);
    }

    private static TemperatureScalingResult? FitTemperature(PredictionSet predictions, EvaluationOptions options, List<string> warnings)
    {
        var (fit, heldOut) = StratifiedSplit(predictions.Labels.ToArray(), options.CalibrationFraction, options.Bootstrap.Seed);
        if (fit.Length < 20 || heldOut.Length < 20)
        {
            warnings.Add($"Temperature scaling skipped: {predictions.Count} rows are too few to fit on one part and measure on the other (at least 20 each).");
            return null;
        }

        var fitSet = predictions.Take(fit);
        var testSet = predictions.Take(heldOut);
        var scaler = TemperatureScaling.Fit(fitSet);
        var scaled = scaler.Transform(testSet);
        var logLoss = MetricCatalog.Get("logLoss");
        return new TemperatureScalingResult(
            scaler,
            heldOut.Length,
            logLoss.Compute(testSet),
            logLoss.Compute(scaled),
            CalibrationAnalysis.Compute(testSet, options.CalibrationBins),
            CalibrationAnalysis.Compute(scaled, options.CalibrationBins));
    }

    private static TemperatureScalingResult FitTemperature(PredictionSet validation, PredictionSet test, EvaluationOptions options)
    {
        if (validation.Task != test.Task || !validation.ClassNames.SequenceEqual(test.ClassNames))
        {
            throw new ArgumentException($"The validation predictions have classes [{string.Join(", ", validation.ClassNames)}]; the evaluated ones [{string.Join(", ", test.ClassNames)}].", nameof(validation));
        }

        var scaler = TemperatureScaling.Fit(validation);
        var scaled = scaler.Transform(test);
        var logLoss = MetricCatalog.Get("logLoss");
        return new TemperatureScalingResult(scaler, test.Count, logLoss.Compute(test), logLoss.Compute(scaled), CalibrationAnalysis.Compute(test, options.CalibrationBins), CalibrationAnalysis.Compute(scaled, options.CalibrationBins));
    }

    /// <summary>A seeded split keeping each class's share: (first part, second part), each sorted.</summary>
    internal static (int[] First, int[] Second) StratifiedSplit(int[] labels, double fraction, int seed)
    {
        var random = new Random(seed);
        var first = new List<int>();
        var second = new List<int>();
        foreach (var group in labels.Select((l, i) => (l, i)).GroupBy(p => p.l).OrderBy(g => g.Key))
        {
            var rows = group.Select(p => p.i).ToArray();
            random.Shuffle(rows);
            var take = (int)Math.Round(rows.Length * fraction);
            first.AddRange(rows.Take(take));
            second.AddRange(rows.Skip(take));
        }

        first.Sort();
        second.Sort();
        return ([.. first], [.. second]);
    }

    private static IEnumerable<string> SampleSizeWarnings(PredictionSet predictions, long[] classCounts, MetricEstimate primary, EvaluationOptions options)
    {
        if (predictions.Count < options.SmallTestSet)
        {
            yield return $"Small test set: {predictions.Count} rows (fewer than {options.SmallTestSet}); intervals are wide and small differences between models are noise.";
        }

        for (var c = 0; c < classCounts.Length; c++)
        {
            if (classCounts[c] < options.SmallClass)
            {
                yield return $"Class '{predictions.ClassNames[c]}' has {classCounts[c]} rows (fewer than {options.SmallClass}): its recall, precision and the ranking metrics rest on few examples.";
            }
        }

        if (!double.IsNaN(primary.HalfWidth))
        {
            var half = primary.HalfWidth.ToString("F3", CultureInfo.InvariantCulture);
            yield return $"Resolution: the {options.Bootstrap.Confidence * 100:0}% interval of {primary.Metric} is ±{half}; a difference between two models smaller than about {half} cannot be told apart on this test set.";
        }
    }

    /// <summary>At most ~400 points of a curve for reports and JSON (always keeping both ends).</summary>
    private static CurvePoints Thin(CurvePoints curve)
    {
        var n = curve.X.Count;
        if (n <= 400)
        {
            return curve;
        }

        var step = (n - 1) / 399.0;
        var keep = Enumerable.Range(0, 400).Select(i => (int)Math.Round(i * step)).Distinct().ToArray();
        return new CurvePoints([.. keep.Select(i => curve.X[i])], [.. keep.Select(i => curve.Y[i])], [.. keep.Select(i => curve.Thresholds[i])]);
    }
}
