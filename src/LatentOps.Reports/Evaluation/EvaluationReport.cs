using System.Globalization;
using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Calibration;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Models;
using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.RepresentationQuality;
using LatentOps.Evaluation.Robustness;
using LatentOps.Evaluation.Ablations;
using LatentOps.Evaluation.Suite;
using LatentOps.Reports.Charts;
using LatentOps.Reports.Html;

namespace LatentOps.Reports.Evaluation;

/// <summary>
/// The evaluation report: metrics with intervals, confusion matrix, ROC and precision-recall curves,
/// reliability diagrams before and after temperature scaling, slices with the worst flagged, fairness
/// gaps, and (when given) probe results, label-free representation quality and robustness curves.
/// </summary>
public static class EvaluationReport
{
    /// <summary>Starts the report with every section an <see cref="EvaluationResult"/> supports.</summary>
    /// <param name="result">The evaluation.</param>
    /// <param name="title">Page title, e.g. "Evaluation of predictions.csv".</param>
    /// <param name="subtitle">What was evaluated and when.</param>
    public static HtmlReport Create(EvaluationResult result, string title, string? subtitle = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var report = new HtmlReport(title, subtitle);
        var primary = result.Headline.First(h => h.Metric == result.PrimaryMetric);
        report.Heading("Summary").KeyValues(
        [
            new("Task", result.Task.ToString().ToLowerInvariant()),
            new("Rows", result.Rows.ToString("N0", CultureInfo.InvariantCulture)),
            new("Primary metric", $"{primary.Metric} = {F(primary.Value)} ({Ci(primary)})"),
            new("Classes", result.ClassNames.Count == 0 ? "(regression)" : string.Join(", ", result.ClassNames.Zip(result.ClassCounts, (n, c) => $"{n} ({c:N0})"))),
            new("Intervals", $"{result.Bootstrap.Confidence * 100:0}% percentile bootstrap, {result.Bootstrap.Resamples} resamples, seed {result.Bootstrap.Seed}"),
        ]);
        foreach (var warning in result.Warnings)
        {
            report.Finding(warning.StartsWith("Resolution", StringComparison.Ordinal) ? Severity.Info : Severity.Warning, warning.Split(':')[0], warning);
        }

        report.Heading("Headline metrics")
            .Paragraph("Each value with its bootstrap confidence interval. Names ending in Score: higher is better; Loss or Error: lower is better.")
            .Table("Headline metrics with confidence intervals", ["metric", "value", "interval", "defined resamples"],
                result.Headline.Select(h => (IReadOnlyList<string>)[h.Metric, F(h.Value), Ci(h), $"{h.ValidResamples}/{h.Resamples}"]));
        report.Table("All metrics (scikit-learn definitions)", ["metric", "value"], result.Metrics.Select(m => (IReadOnlyList<string>)[m.Key, F(m.Value)]));

        if (result.ConfusionMatrix is { } matrix)
        {
            AddConfusion(report, matrix);
        }

        if (result.Roc is { } roc && result.PrecisionRecall is { } pr)
        {
            report.Heading("ROC and precision-recall curves");
            report.Chart(
                Chart.Lines("ROC curve", [new LineSeries($"model (AUC {F(result.Metrics["rocAucScore"])})", roc.X, roc.Y, Markers: false), new LineSeries("chance", [0.0, 1.0], [0.0, 1.0], Markers: false, Dashed: true)], "false-positive rate", "true-positive rate"),
                $"ROC curve; area under it {F(result.Metrics["rocAucScore"])}.");
            var prevalence = result.ClassCounts.Count == 2 ? (double)result.ClassCounts[1] / result.Rows : double.NaN;
            report.Chart(
                Chart.Lines("Precision-recall curve", [new LineSeries($"model (AP {F(result.Metrics["averagePrecisionScore"])})", pr.X, pr.Y, Markers: false), new LineSeries("chance (prevalence)", [0.0, 1.0], [prevalence, prevalence], Markers: false, Dashed: true)], "recall", "precision"),
                $"Precision-recall curve; average precision {F(result.Metrics["averagePrecisionScore"])}, positive share {F(prevalence)}.");
        }

        if (result.Calibration is { } calibration)
        {
            AddCalibration(report, calibration, result.TemperatureScaling, result.CalibrationFraction is { } fraction
                ? $"{fraction * 100:0}% of the rows (stratified, seeded)"
                : $"a separate validation set of {N(result.ValidationRows ?? 0)} rows");
        }

        foreach (var (column, slices) in result.Slices)
        {
            AddSlices(report, column, slices);
        }

        if (result.Fairness is { } fairness)
        {
            report.Heading($"Fairness over '{fairness.Column}'")
                .Paragraph($"Gaps between the largest and smallest group rate (0 is parity), over groups with at least {fairness.MinimumGroupRows} rows; a row counts as predicted positive above probability {F(fairness.Threshold)}.")
                .KeyValues(
                [
                    new("Demographic parity difference", F(fairness.DemographicParityDifference)),
                    new("Equal opportunity difference", F(fairness.EqualOpportunityDifference)),
                    new("Equalized odds difference", F(fairness.EqualizedOddsDifference)),
                ])
                .Table("Rates per group", ["group", "rows", "positives", "selection rate", "true-positive rate", "false-positive rate"],
                    fairness.Groups.Select(g => (IReadOnlyList<string>)[g.Group, N(g.Rows), N(g.Positives), F(g.SelectionRate), F(g.TruePositiveRate), F(g.FalsePositiveRate)]));
        }

        return report;
    }

    /// <summary>The whole report of a model evaluation: predictions, probes, representation quality and robustness.</summary>
    public static HtmlReport ForModel(ModelEvaluationResult result, string title, string? subtitle = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var report = Create(result.Evaluation, title, subtitle);
        AddProbes(report, result.Probes);
        if (result.Quality is { } quality)
        {
            AddRepresentationQuality(report, quality);
        }

        if (result.Robustness is { } robustness)
        {
            AddRobustness(report, robustness);
        }

        if (result.Adversarial is { } adversarial)
        {
            AddAdversarial(report, adversarial);
        }

        return report;
    }

    /// <summary>Adds the probe results (embedding beside raw-feature baselines).</summary>
    public static HtmlReport AddProbes(HtmlReport report, IReadOnlyList<ProbeResult> probes)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(probes);
        if (probes.Count == 0)
        {
            return report;
        }

        report.Heading("Probes: how much the representation knows")
            .Paragraph("A linear probe (L2 logistic regression, C chosen by cross-validation) and a kNN probe (cosine, k=20) fitted on frozen features and scored on held-out rows, for the embedding and for the raw features. An embedding worth using beats, or at least matches, the raw-feature baselines.")
            .Table("Probe results on held-out rows", ["probe", "features", "dims", "setting", "primary (interval)", "accuracy", "ROC-AUC", "log loss"],
                probes.Select(p => (IReadOnlyList<string>)[p.Probe, p.Features, N(p.Dimensions), p.Setting, $"{p.Primary.Metric} {F(p.Primary.Value)} ({Ci(p.Primary)})", F(p.Metrics["accuracyScore"]), F(p.Metrics["rocAucScore"]), F(p.Metrics["logLoss"])]));
        report.Chart(Chart.Bars("Probe primary metric", [.. probes.Select(p => $"{p.Probe}/{p.Features}")], [.. probes.Select(p => p.Primary.Value)], probes[0].Primary.Metric), "Primary metric of each probe on the held-out rows.");
        return report;
    }

    /// <summary>Adds the label-free representation quality, with what good looks like.</summary>
    public static HtmlReport AddRepresentationQuality(HtmlReport report, RepresentationQualityResult quality)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(quality);
        report.Heading("Label-free representation quality")
            .Table("Indicators and what good looks like", ["indicator", "value", "good looks like"],
            [
                ["RankMe (effective rank)", $"{F(quality.RankMeScore)} of {N(Math.Min(quality.Rows, quality.Dimensions))} ({quality.RankMeRatio * 100:0}%)", "High: close to the dimension. Near 1 means the embedding has collapsed onto a line. Higher RankMe tracks better downstream accuracy (Garrido et al. 2023)."],
                ["Uniformity", F(quality.UniformityLoss), "Low (more negative): rows spread over the sphere; about -3.5 to -4 for good 128-d+ embeddings, 0 when every row maps to one point (Wang and Isola 2020)."],
                ["Alignment", quality.AlignmentLoss is { } a ? F(a) : "not measured (no positive pairs)", "Low: two views of the same row land close (0 is identical; about 2 is what unrelated rows give)."],
                ["Collapse (std of normalised dims)", $"{F(quality.CollapseStd)} vs 1/sqrt(d) = {F(quality.CollapseReference)} (ratio {F(quality.CollapseRatio)})", "A ratio near 1; near 0 means collapse (SimSiam's check)."],
                ["Dead dimensions", N(quality.DeadDimensions), "0: every dimension varies."],
            ]);
        foreach (var finding in quality.Findings)
        {
            report.Finding(finding.StartsWith("Collapse warning", StringComparison.Ordinal) || finding.StartsWith("Dimensional collapse", StringComparison.Ordinal) ? Severity.Warning : Severity.Info, "Representation", finding);
        }

        return report;
    }

    /// <summary>Adds the robustness curves (noise, category swaps) and the dropped-feature table.</summary>
    public static HtmlReport AddRobustness(HtmlReport report, RobustnessResult robustness)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(robustness);
        report.Heading("Robustness")
            .Paragraph($"{robustness.Metric} as the inputs are perturbed (clean value {F(robustness.CleanValue)}, seed {robustness.Seed}): Gaussian noise on the numeric features in units of each column's standard deviation, and a share of categorical cells replaced by the value of a random other row. A robust model degrades slowly.");
        var series = new List<LineSeries>();
        if (robustness.Noise.Count > 1 && robustness.NumericFeatures.Count > 0)
        {
            series.Add(new LineSeries("Gaussian noise (x std)", [.. robustness.Noise.Select(p => p.Level)], [.. robustness.Noise.Select(p => p.Value)]));
        }

        if (robustness.CategorySwaps.Count > 1 && robustness.CategoricalFeatures.Count > 0)
        {
            series.Add(new LineSeries("category swaps (share)", [.. robustness.CategorySwaps.Select(p => p.Level)], [.. robustness.CategorySwaps.Select(p => p.Value)]));
        }

        if (series.Count > 0)
        {
            report.Chart(Chart.Lines("Robustness curve", series, "perturbation strength", robustness.Metric), $"{robustness.Metric} against perturbation strength for noise and category swaps.");
        }

        report.Table("Metric under perturbation", ["perturbation", "strength", robustness.Metric, "drop"],
            robustness.Noise.Select(p => (IReadOnlyList<string>)["noise", F(p.Level), F(p.Value), F(p.Drop)])
                .Concat(robustness.CategorySwaps.Select(p => (IReadOnlyList<string>)["category swap", F(p.Level), F(p.Value), F(p.Drop)])));
        if (robustness.DroppedFeatures.Count > 0)
        {
            report.Table("Dropped features (all values missing), largest drop first", ["feature", robustness.Metric, "drop"],
                robustness.DroppedFeatures.Select(d => (IReadOnlyList<string>)[d.Feature, F(d.Value), F(d.Drop)]));
        }

        return report;
    }

    /// <summary>Adds the gradient-sign (FGSM) attack curve.</summary>
    public static HtmlReport AddAdversarial(HtmlReport report, AdversarialResult adversarial)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(adversarial);
        report.Heading("Gradient-sign attack (FGSM)", 3)
            .Paragraph($"Each input moved by epsilon in the direction that most increases the model's loss (x + epsilon x sign of the input gradient), in the units of the model's encoded inputs. {adversarial.Metric} clean: {F(adversarial.CleanValue)}.")
            .Chart(Chart.Lines("FGSM robustness curve", [new LineSeries("FGSM", [.. adversarial.Points.Select(p => p.Level)], [.. adversarial.Points.Select(p => p.Value)])], "epsilon", adversarial.Metric),
                $"{adversarial.Metric} against the FGSM step size.")
            .Table("Metric under FGSM", ["epsilon", adversarial.Metric, "drop"], adversarial.Points.Select(p => (IReadOnlyList<string>)[F(p.Level), F(p.Value), F(p.Drop)]));
        return report;
    }

    /// <summary>Adds an ablation study: each variant's mean and interval and its paired difference to the base.</summary>
    public static HtmlReport AddAblation(HtmlReport report, AblationResult ablation)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(ablation);
        report.Heading("Ablation study")
            .Paragraph($"One factor changed at a time from the base, each over seeds {string.Join(", ", ablation.Seeds)}; {ablation.Metric} mean with a {ablation.Confidence * 100:0}% t-interval, and the paired difference to the base on the same seeds.");
        foreach (var warning in ablation.Warnings)
        {
            report.Finding(Severity.Warning, "Few seeds", warning);
        }

        var rows = new[] { ablation.Base }.Concat(ablation.Variants);
        report.Table("Variants", ["variant", "mean", "interval", "difference to base", "difference interval", "significant"],
            rows.Select(v => (IReadOnlyList<string>)[v.Factor is null ? "base" : $"{v.Factor}={v.Value}", F(v.Mean), $"{F(v.Lower)} to {F(v.Upper)}", F(v.Difference), v.Factor is null ? "-" : $"{F(v.DifferenceLower)} to {F(v.DifferenceUpper)}", v.Significant ? "yes" : "no"]));
        return report;
    }

    private static void AddConfusion(HtmlReport report, ConfusionMatrix matrix)
    {
        report.Heading("Confusion matrix")
            .Table("Rows: true class; columns: predicted class", ["true \\ predicted", .. matrix.ClassNames],
                matrix.ClassNames.Select((name, i) => (IReadOnlyList<string>)[name, .. matrix.Counts[i].Select(N)]))
            .Table("Per-class precision, recall and F1 (0 where undefined)", ["class", "precision", "recall", "F1", "support"],
                matrix.ClassNames.Select((name, i) => (IReadOnlyList<string>)[name, F(matrix.Precision[i]), F(matrix.Recall[i]), F(matrix.F1[i]), N(matrix.Support[i])]));
    }

    private static void AddCalibration(HtmlReport report, CalibrationResult calibration, TemperatureScalingResult? scaling, string fittedOn)
    {
        report.Heading("Calibration")
            .Paragraph($"Expected calibration error (ECE, {calibration.BinCount} equal-width bins on the top probability) {F(calibration.ExpectedCalibrationError)}, maximum calibration error {F(calibration.MaximumCalibrationError)}. A calibrated model's points lie on the diagonal: among rows predicted with 80% confidence, 80% are right.");
        var series = new List<LineSeries> { new("perfect calibration", [0.0, 1.0], [0.0, 1.0], Markers: false, Dashed: true) };
        series.Add(Reliability(scaling?.Before ?? calibration, scaling is null ? "model" : "before temperature scaling"));
        if (scaling is not null)
        {
            series.Add(Reliability(scaling.After, $"after (T = {F(scaling.Scaler.Temperature)})"));
            report.KeyValues(
            [
                new("Temperature", $"T = {F(scaling.Scaler.Temperature)}, fitted on {fittedOn} by minimising NLL"),
                new("Held-out rows", N(scaling.HeldOutRows)),
                new("Held-out log loss (NLL)", $"{F(scaling.LogLossBefore)} before, {F(scaling.LogLossAfter)} after"),
                new("Held-out ECE", $"{F(scaling.Before.ExpectedCalibrationError)} before, {F(scaling.After.ExpectedCalibrationError)} after"),
                new("Held-out MCE", $"{F(scaling.Before.MaximumCalibrationError)} before, {F(scaling.After.MaximumCalibrationError)} after"),
            ]);
        }

        report.Chart(Chart.Lines("Reliability diagram", series, "mean predicted confidence", "observed accuracy"),
            scaling is null
                ? "Reliability diagram: accuracy against confidence per bin."
                : $"Reliability diagram on the held-out rows before and after temperature scaling; ECE {F(scaling.Before.ExpectedCalibrationError)} before, {F(scaling.After.ExpectedCalibrationError)} after.");
        var bins = (scaling?.Before ?? calibration).Bins.Where(b => b.Count > 0);
        report.Table("Reliability bins" + (scaling is null ? string.Empty : " (held-out rows, before scaling)"), ["bin", "rows", "mean confidence", "accuracy", "gap"],
            bins.Select(b => (IReadOnlyList<string>)[$"({F(b.Lower)}, {F(b.Upper)}]", N(b.Count), F(b.MeanConfidence), F(b.Accuracy), F(b.Accuracy - b.MeanConfidence)]));
    }

    private static LineSeries Reliability(CalibrationResult result, string name)
    {
        var bins = result.Bins.Where(b => b.Count > 0).ToList();
        return new LineSeries(name, [.. bins.Select(b => b.MeanConfidence)], [.. bins.Select(b => b.Accuracy)]);
    }

    private static void AddSlices(HtmlReport report, string column, IReadOnlyList<LatentOps.Evaluation.Slices.SliceResult> slices)
    {
        if (slices.Count == 0)
        {
            return;
        }

        var metric = slices[0].Metric;
        var higher = metric.EndsWith("Score", StringComparison.Ordinal);
        var ordered = slices.OrderBy(s => double.IsNaN(s.Estimate.Value) ? 1 : 0).ThenBy(s => higher ? s.Estimate.Value : -s.Estimate.Value).ToList();
        report.Heading($"Slices by '{column}'")
            .Paragraph($"{metric} per slice with its bootstrap interval, against all other rows. A slice is flagged when it is worse than the rest beyond chance (one-sided test, Bonferroni over the column's {slices.Count(s => !double.IsNaN(s.PValue))} judged slices). Slices with few rows are shown but never flagged.");
        foreach (var flagged in ordered.Where(s => s.Flagged))
        {
            report.Finding(Severity.Warning, $"{column} = {flagged.Value} is worse than the rest", $"{metric} {F(flagged.Estimate.Value)} ({Ci(flagged.Estimate)}) on {N(flagged.Rows)} rows vs {F(flagged.RestValue)} on the other rows; p = {flagged.PValue:G2} below {flagged.Threshold:G2}.");
        }

        var others = slices[0].Others.Keys.ToList();
        report.Table($"Slices of '{column}', worst first", ["slice", "rows", metric, "interval", "rest", "difference", "p", "flag", .. others, "note"],
            ordered.Select(s => (IReadOnlyList<string>)[s.Value, N(s.Rows), F(s.Estimate.Value), Ci(s.Estimate), F(s.RestValue), F(s.Difference), double.IsNaN(s.PValue) ? "-" : s.PValue.ToString("G2", CultureInfo.InvariantCulture), s.Flagged ? "WORSE" : string.Empty, .. others.Select(o => F(s.Others[o])), s.Warning ?? string.Empty]));
        var shown = ordered.Where(s => !double.IsNaN(s.Estimate.Value)).Take(30).ToList();
        if (shown.Count > 0)
        {
            report.Chart(Chart.Bars($"{metric} by {column} (worst {shown.Count})", [.. shown.Select(s => s.Flagged ? s.Value + " (!)" : s.Value)], [.. shown.Select(s => s.Estimate.Value)], metric),
                $"{metric} per slice of {column}, worst first; flagged slices are marked (!).");
        }
    }

    /// <summary>A number for a report (4 decimals; "undefined" for NaN).</summary>
    internal static string F(double value) => double.IsNaN(value) ? "undefined" : value.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>An interval for a report.</summary>
    internal static string Ci(MetricEstimate estimate) => double.IsNaN(estimate.Lower)
        ? "no interval"
        : $"{estimate.Confidence * 100:0}% CI {F(estimate.Lower)} to {F(estimate.Upper)}";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
