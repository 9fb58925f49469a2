using System.Globalization;
using LatentOps.Core.Tables;
using LatentOps.Data.Profiling;
using LatentOps.Reports.Charts;
using LatentOps.Reports.Html;

namespace LatentOps.Reports.DataProfiles;

/// <summary>
/// The HTML profile of a dataset: an overview table of every column, then per column its statistics,
/// a histogram (numbers, dates, text lengths) or a bar chart of its most frequent values.
/// </summary>
public static class DataProfileReport
{
    /// <summary>Columns that get a chart; wider tables (e.g. image pixels) list the rest in the overview only.</summary>
    public const int MaxChartedColumns = 60;

    /// <summary>Builds the report.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="title">Page title, e.g. "Profile of loans:1".</param>
    /// <param name="subtitle">A line under the title (source, rows, when).</param>
    public static HtmlReport Build(TableProfile profile, string title, string? subtitle = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var report = new HtmlReport(title, subtitle);
        report.KeyValues([
            new("Rows", N(profile.RowCount)),
            new("Columns", N(profile.ColumnCount)),
            new("Duplicate rows", profile.DuplicateRowCount is { } d ? $"{N(d)} ({P(Share(d, profile.RowCount))})" : "not counted"),
            new("Columns with missing values", N(profile.Columns.Count(c => c.Missing > 0))),
            new("Types", string.Join(", ", profile.Columns.GroupBy(c => c.Type).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count()}"))),
        ]);

        report.Heading("Columns");
        report.Table("Every column at a glance", ["column", "type", "present", "missing", "distinct", "min", "mean", "max", "top value"],
            profile.Columns.Select(c => (IReadOnlyList<string>)[
                c.Name, c.Type.ToString().ToLowerInvariant(), N(c.Count), P(c.MissingShare), N(c.Distinct),
                Min(c), c.Numeric is { } n ? G(n.Mean) : c.TextLength is { } l ? $"{G(l.Mean)} chars" : string.Empty, Max(c),
                c.TopValues is { Count: > 0 } t ? $"{Clip(t[0].Value)} ({P(t[0].Share)})" : string.Empty,
            ]));

        foreach (var column in profile.Columns.Take(MaxChartedColumns))
        {
            report.Heading($"{column.Name} ({column.Type.ToString().ToLowerInvariant()})", 3);
            var facts = new List<KeyValuePair<string, string>>
            {
                new("present / missing", $"{N(column.Count)} / {N(column.Missing)} ({P(column.MissingShare)})"),
                new("distinct", N(column.Distinct)),
            };
            if (column.Numeric is { } numeric)
            {
                facts.Add(new("min / max", $"{G(numeric.Min)} / {G(numeric.Max)}"));
                facts.Add(new("mean / std", $"{G(numeric.Mean)} / {G(numeric.Std)}"));
                facts.Add(new("quantiles", string.Join(", ", numeric.Quantiles.Select(q => $"p{(q.Probability * 100).ToString("0", CultureInfo.InvariantCulture)} {G(q.Value)}"))));
                facts.Add(new("zeros", N(numeric.Zeros)));
            }

            if (column.Dates is { } dates)
            {
                facts.Add(new("earliest / latest", $"{Date(dates.Min)} / {Date(dates.Max)}"));
            }

            if (column.TextLength is { } length)
            {
                facts.Add(new("length (chars) min / mean / max", $"{N(length.Min)} / {G(length.Mean)} / {N(length.Max)}"));
            }

            report.KeyValues(facts);
            if (column.Histogram is { } histogram && column.Type != ColumnType.Boolean && (column.TopValues is null || column.Distinct > 12))
            {
                var label = histogram.Of.StartsWith("date", StringComparison.Ordinal) ? "days since 1970-01-01" : histogram.Of;
                report.Chart(Chart.Histogram($"{column.Name}: distribution of {histogram.Of.Split(' ')[0]}", histogram.Edges, [.. histogram.Counts.Select(c => (double)c)], label),
                    $"Histogram of {column.Name} ({histogram.Of}) in {histogram.Counts.Count} equal-width bins.");
            }
            else if (column.TopValues is { Count: > 0 } top)
            {
                report.Chart(Chart.Bars($"{column.Name}: most frequent values", [.. top.Select(t => Clip(t.Value, 18))], [.. top.Select(t => (double)t.Count)], "rows"),
                    $"Bar chart of the {top.Count} most frequent values of {column.Name}: {string.Join(", ", top.Select(t => $"{Clip(t.Value)} {N(t.Count)}"))}.");
            }
        }

        if (profile.Columns.Count > MaxChartedColumns)
        {
            report.Paragraph($"Charts are drawn for the first {MaxChartedColumns} columns; the table above covers all {profile.Columns.Count}.");
        }

        return report;
    }

    private static string Min(ColumnProfile c) => c.Numeric is { } n ? G(n.Min) : c.Dates is { } d ? Date(d.Min) : c.TextLength is { } l ? $"{N(l.Min)} chars" : string.Empty;

    private static string Max(ColumnProfile c) => c.Numeric is { } n ? G(n.Max) : c.Dates is { } d ? Date(d.Max) : c.TextLength is { } l ? $"{N(l.Max)} chars" : string.Empty;

    private static string N(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);

    private static string G(double v) => Math.Abs(v) >= 1e6 || (Math.Abs(v) < 1e-3 && v != 0) ? v.ToString("0.###e0", CultureInfo.InvariantCulture) : v.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string P(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static string Date(DateTime d) => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Clip(string value, int max = 40)
    {
        var line = value.ReplaceLineEndings(" ");
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 1), "…");
    }
}
