using System.Globalization;
using LatentOps.Data.Checks;
using LatentOps.Reports.Charts;
using LatentOps.Reports.Html;

namespace LatentOps.Reports.DataChecks;

/// <summary>
/// The HTML report of a data check: a verdict, then the findings grouped by family (leakage, integrity,
/// imbalance, representativeness, personal data), each with its severity, plain explanation and numbers,
/// and a chart of the class balance when the label was checked.
/// </summary>
public static class DataCheckReportHtml
{
    /// <summary>Builds the report.</summary>
    /// <param name="report">The check results.</param>
    /// <param name="title">Page title, e.g. "Data check of loans:1".</param>
    /// <param name="subtitle">A line under the title.</param>
    public static HtmlReport Build(DataCheckReport report, string title, string? subtitle = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new HtmlReport(title, subtitle);
        var verdict = report.Errors > 0
            ? $"{report.Errors} errors need fixing before this data is used for training or evaluation."
            : report.Warnings > 0 ? $"No errors; {report.Warnings} warnings to review." : "No problems found.";
        html.Paragraph(verdict);
        var settings = report.Settings;
        html.KeyValues([
            new("Rows / columns", $"{report.RowCount.ToString("N0", CultureInfo.InvariantCulture)} / {report.ColumnCount.ToString("N0", CultureInfo.InvariantCulture)}"),
            new("Findings", $"{report.Errors} errors, {report.Warnings} warnings, {report.Infos} notes"),
            new("Label", settings.LabelColumn ?? "none (imbalance and single-feature leakage not checked)"),
            new("Compared for leakage with", settings.Counterpart ?? "nothing (give --against, or check a split part)"),
            new("Representativeness reference", settings.Reference ?? "none (give --reference)"),
            new("Thresholds", string.Create(CultureInfo.InvariantCulture,
                $"leakage AUC ≥ {settings.LeakageAucThreshold}; minority share < {settings.MinorityShareWarning} warning, < {settings.MinorityShareError} error; coverage < {settings.CoverageWarning} warning, < {settings.CoverageError} error; distance > {settings.DistanceWarning} warning, > {settings.DistanceError} error")),
        ]);

        foreach (var group in report.Findings.GroupBy(f => f.Category).OrderBy(g => g.Key))
        {
            html.Heading(Title(group.Key));
            foreach (var finding in group)
            {
                var details = finding.Metrics.Count == 0 ? string.Empty
                    : " (" + string.Join(", ", finding.Metrics.Select(m => $"{m.Key} {m.Value.ToString("0.####", CultureInfo.InvariantCulture)}")) + ")";
                var examples = finding.Examples.Count == 0 ? string.Empty : $" Examples: {string.Join(", ", finding.Examples)}.";
                html.Finding(Map(finding.Severity), finding.Title, finding.Explanation + examples + details);
            }

            if (group.Key == FindingCategory.Imbalance && group.FirstOrDefault(f => f.Check == "imbalance.classes") is { } classes)
            {
                var counts = classes.Metrics.Where(m => m.Key.StartsWith("count[", StringComparison.Ordinal)).ToArray();
                html.Chart(Chart.Bars($"Rows per class of {classes.Column}", [.. counts.Select(c => c.Key[6..^1])], [.. counts.Select(c => c.Value)], "rows"),
                    $"Class balance of {classes.Column}: {string.Join(", ", counts.Select(c => $"{c.Key[6..^1]} {c.Value.ToString("N0", CultureInfo.InvariantCulture)}"))}.");
            }
        }

        if (report.Findings.Count == 0)
        {
            html.Paragraph("Every check that the inputs allow passed.");
        }

        return html;
    }

    private static Severity Map(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => Severity.Error,
        FindingSeverity.Warning => Severity.Warning,
        _ => Severity.Info,
    };

    private static string Title(FindingCategory category) => category switch
    {
        FindingCategory.Leakage => "Leakage",
        FindingCategory.Integrity => "Integrity",
        FindingCategory.Imbalance => "Class imbalance",
        FindingCategory.Representativeness => "Representativeness",
        _ => "Personal data (PII)",
    };
}
