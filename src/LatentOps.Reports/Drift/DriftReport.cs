using System.Globalization;
using LatentOps.Monitoring.Drift;
using LatentOps.Reports.Charts;
using LatentOps.Reports.Html;

namespace LatentOps.Reports.Drift;

/// <summary>
/// The HTML drift report: the verdict, the drifted columns ranked, every test's statistic, p-value,
/// threshold and method, and a timeline per test when windows are given.
/// </summary>
public static class DriftReport
{
    /// <summary>Builds the report.</summary>
    public static HtmlReport Build(DriftReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var report = new HtmlReport(input.Title, $"Reference: {input.Reference}. Current: {input.Current}.");
        if (input.Dataset is { } dataset)
        {
            var severity = dataset.DatasetDrift ? Severity.Error : dataset.DriftedCount > 0 ? Severity.Warning : Severity.Info;
            report.Finding(severity,
                dataset.DatasetDrift ? "Dataset drift" : "No dataset drift",
                $"{dataset.DriftedCount} of {dataset.Columns.Count} columns drifted ({P(dataset.DriftedShare)}); the dataset counts as drifted from {P(dataset.DriftShareThreshold)}. " +
                $"p-value tests at alpha {N(dataset.Alpha)}{(dataset.Bonferroni ? " with Bonferroni across columns" : "")}.");
        }

        foreach (var test in input.Tests.Where(t => t.Drifted))
        {
            report.Finding(Severity.Warning, $"{test.Method} detects drift", Describe(test));
        }

        if (input.Dataset is { } ds)
        {
            report.Heading("Columns, most drifted first");
            report.Table("Per-column drift tests", ["column", "method", "statistic", "p-value", "threshold", "drifted", "missing (ref / cur)"],
                ds.Columns.Select(c => (IReadOnlyList<string>)[
                    c.Column, c.Result.Method, N(c.Result.Statistic), c.Result.PValue is { } p ? N(p) : "-", Threshold(c.Result), c.Result.Drifted ? "yes" : "no",
                    $"{P(c.ReferenceMissingShare)} / {P(c.CurrentMissingShare)}"]));
            var top = ds.Columns.Take(20).ToList();
            if (top.Count > 0)
            {
                report.Chart(Chart.Bars("Drift severity of the top columns", [.. top.Select(c => c.Column)], [.. top.Select(c => c.Result.Severity)], "severity"),
                    "Drift severity per column (1 - p for p-value tests, statistic / threshold for score tests), most drifted first.");
            }

            if (ds.SkippedColumns.Count > 0)
            {
                report.KeyValues(ds.SkippedColumns.Select(kv => new KeyValuePair<string, string>($"not tested: {kv.Key}", kv.Value)));
            }
        }

        if (input.Tests.Count > 0)
        {
            report.Heading("Embedding and model-output tests");
            report.Table("Tests on the whole current data", ["method", "statistic", "p-value", "threshold", "drifted", "rows (ref / cur)"],
                input.Tests.Select(t => (IReadOnlyList<string>)[t.Method, N(t.Statistic), t.PValue is { } p ? N(p) : "-", Threshold(t), t.Drifted ? "yes" : "no", $"{t.ReferenceCount} / {t.CurrentCount}"]));
        }

        if (input.Timeline.Count > 0)
        {
            Timeline(report, input.Timeline);
        }

        return report;
    }

    private static void Timeline(HtmlReport report, IReadOnlyList<DriftWindow> windows)
    {
        report.Heading("Timeline");
        var x = Enumerable.Range(0, windows.Count).Select(i => (double)i).ToArray();
        report.Paragraph("Windows: " + string.Join(", ", windows.Select((w, i) => $"{i} = {w.Label}")) + ".");
        if (windows.Any(w => w.Dataset is not null))
        {
            var share = windows.Select(w => w.Dataset?.DriftedShare ?? double.NaN).ToArray();
            var threshold = windows.First(w => w.Dataset is not null).Dataset!.DriftShareThreshold;
            report.Chart(Chart.Lines("Share of drifted columns", [new LineSeries("drifted share", x, share), new LineSeries("dataset drift threshold", x, [.. x.Select(_ => threshold)], false, true)], "window", "share"),
                "Share of drifted columns per window against the dataset-drift threshold.");
            report.Table("Dataset drift per window", ["window", "drifted columns", "share", "dataset drift"],
                windows.Select(w => (IReadOnlyList<string>)[w.Label, w.Dataset is { } d ? $"{d.DriftedCount} / {d.Columns.Count}" : "-", w.Dataset is { } d2 ? P(d2.DriftedShare) : "-", w.Dataset?.DatasetDrift == true ? "yes" : "no"]));
        }

        foreach (var method in windows.SelectMany(w => w.Tests).Select(t => t.Method).Distinct())
        {
            var results = windows.Select(w => w.Tests.FirstOrDefault(t => t.Method == method)).ToArray();
            var usesP = results.Any(r => r?.PValue is not null);
            var y = results.Select(r => r is null ? double.NaN : usesP ? r.PValue ?? double.NaN : r.Statistic).ToArray();
            var threshold = results.First(r => r is not null)!.Threshold;
            report.Chart(Chart.Lines($"{method} per window", [new LineSeries(usesP ? "p-value" : "statistic", x, y), new LineSeries("threshold", x, [.. x.Select(_ => threshold)], false, true)], "window", usesP ? "p-value" : "statistic"),
                $"{method}: {(usesP ? "p-value" : "statistic")} per window against the threshold {N(threshold)}; drift in windows {string.Join(", ", results.Select((r, i) => (r, i)).Where(p => p.r?.Drifted == true).Select(p => windows[p.i].Label).DefaultIfEmpty("none"))}.");
        }
    }

    private static string Describe(DriftTestResult t) =>
        $"statistic {N(t.Statistic)}{(t.PValue is { } p ? $", p-value {N(p)}" : "")}, {Threshold(t)}; {t.ReferenceCount} reference and {t.CurrentCount} current rows.";

    private static string Threshold(DriftTestResult t) => t.Kind == ThresholdKind.PValue ? $"p < {N(t.Threshold)}" : $"score >= {N(t.Threshold)}";

    private static string N(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static string P(double v) => v.ToString("0.#%", CultureInfo.InvariantCulture);
}
