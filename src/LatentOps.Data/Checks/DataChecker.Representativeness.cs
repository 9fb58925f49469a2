using System.Globalization;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;

namespace LatentOps.Data.Checks;

public static partial class DataChecker
{
    private const int MaxListedCategories = 12;

    private static IEnumerable<DataFinding> RepresentativenessFindings(Table table, Table reference, DataCheckOptions options, string referenceName)
    {
        var findings = new List<DataFinding>();
        foreach (var column in table.Columns)
        {
            if (column.Type is ColumnType.Identifier or ColumnType.Text || column.Name == options.IdColumn
                || !reference.TryGetColumn(column.Name, out var other) || other.GetType() != column.GetType())
            {
                continue;
            }

            if (column is StringColumn strings || column.Type == ColumnType.Boolean)
            {
                findings.AddRange(CompareCategories(column, other, options, referenceName));
            }
            else
            {
                var here = SortedNumbers(column);
                var there = SortedNumbers(other);
                var ks = RankStatistics.KolmogorovSmirnov(here, there);
                if (double.IsNaN(ks) || ks <= options.DistanceWarning)
                {
                    continue;
                }

                var inRange = there.Length == 0 || here.Length == 0 ? 0 : there.Count(v => v >= here[0] && v <= here[^1]) / (double)there.Length;
                var severity = ks > options.DistanceError ? FindingSeverity.Error : FindingSeverity.Warning;
                findings.Add(Finding("representativeness.distribution", FindingCategory.Representativeness, severity,
                    $"'{column.Name}' is distributed differently from {referenceName} (KS {ks.ToString("0.00", CultureInfo.InvariantCulture)})",
                    $"The largest gap between the two cumulative distributions is {Percent(ks)} of rows (warning above {Percent(options.DistanceWarning)}, error above {Percent(options.DistanceError)}). " +
                    $"Median here {Median(here, column)}, in {referenceName} {Median(there, column)}; {Percent(inRange)} of {referenceName}'s values fall inside this data's range. " +
                    "A model trained here will see unfamiliar values in that population.",
                    column.Name, new Dictionary<string, double> { ["ks"] = ks, ["referenceInRange"] = inRange }));
            }
        }

        var errors = findings.Count(f => f.Severity == FindingSeverity.Error);
        var warnings = findings.Count(f => f.Severity == FindingSeverity.Warning);
        var verdict = errors > 0 ? FindingSeverity.Error : warnings > 0 ? FindingSeverity.Warning : FindingSeverity.Info;
        findings.Insert(0, Finding("representativeness.summary", FindingCategory.Representativeness, verdict,
            verdict == FindingSeverity.Info ? $"The data looks representative of {referenceName}"
                : $"The data is {(verdict == FindingSeverity.Error ? "not" : "not fully")} representative of {referenceName}: {errors} columns differ strongly, {warnings} noticeably",
            verdict == FindingSeverity.Info
                ? $"Every compared column covers {referenceName}'s categories and follows its distribution within the thresholds."
                : $"Compared with {referenceName} ({Number(reference.RowCount)} rows), this data ({Number(table.RowCount)} rows) misses or under-represents part of the population. " +
                  "Results measured on it will not carry over to the whole; resample, collect the missing groups, or state the limitation in the model card.",
            null, new Dictionary<string, double> { ["columnsWithErrors"] = errors, ["columnsWithWarnings"] = warnings }));
        return findings;
    }

    private static IEnumerable<DataFinding> CompareCategories(Column column, Column reference, DataCheckOptions options, string referenceName)
    {
        var here = Frequencies(column);
        var there = Frequencies(reference);
        var hereTotal = here.Values.Sum();
        var thereTotal = there.Values.Sum();
        if (hereTotal == 0 || thereTotal == 0)
        {
            yield break;
        }

        var coverage = there.Where(kv => here.ContainsKey(kv.Key)).Sum(kv => kv.Value) / (double)thereTotal;
        var missing = there.Where(kv => !here.ContainsKey(kv.Key)).OrderByDescending(kv => kv.Value).ToArray();
        var rare = there.Where(kv => here.TryGetValue(kv.Key, out var h) && (double)kv.Value / thereTotal >= 0.01 && (double)h / hereTotal < 0.25 * kv.Value / thereTotal)
            .OrderByDescending(kv => kv.Value).ToArray();
        var distance = JensenShannonDistance(here, hereTotal, there, thereTotal);
        var severity = coverage < options.CoverageError || distance > options.DistanceError ? FindingSeverity.Error
            : coverage < options.CoverageWarning || distance > options.DistanceWarning || rare.Length > 0 ? FindingSeverity.Warning
            : FindingSeverity.Info;
        if (severity == FindingSeverity.Info)
        {
            yield break;
        }

        string List(KeyValuePair<string, int>[] items) =>
            string.Join(", ", items.Take(MaxListedCategories).Select(kv => $"{kv.Key} ({Percent((double)kv.Value / thereTotal)})")) + (items.Length > MaxListedCategories ? $" and {items.Length - MaxListedCategories} more" : string.Empty);
        var parts = new List<string>
        {
            $"This data covers {Percent(coverage)} of {referenceName}'s rows by category ({here.Count} of {there.Count} values present; error below {Percent(options.CoverageError)}).",
            $"Jensen-Shannon distance {distance.ToString("0.00", CultureInfo.InvariantCulture)} (warning above {options.DistanceWarning.ToString("0.##", CultureInfo.InvariantCulture)}).",
        };
        if (missing.Length > 0)
        {
            parts.Add($"Missing here: {List(missing)}.");
        }

        if (rare.Length > 0)
        {
            parts.Add($"Rare here (under a quarter of their share in {referenceName}): {List(rare)}.");
        }

        parts.Add("A model trained or evaluated on this data has not seen these groups; its results say nothing about them.");
        yield return Finding("representativeness.categories", FindingCategory.Representativeness, severity,
            $"'{column.Name}' {(missing.Length > 0 ? $"lacks {missing.Length} of {there.Count} values seen in {referenceName}" : $"is distributed differently from {referenceName}")}",
            string.Join(' ', parts), column.Name,
            new Dictionary<string, double> { ["coverage"] = coverage, ["jensenShannon"] = distance, ["missingValues"] = missing.Length, ["rareValues"] = rare.Length },
            [.. missing.Take(MaxListedCategories).Select(kv => kv.Key)]);
    }

    private static Dictionary<string, int> Frequencies(Column column)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < column.Length; i++)
        {
            if (column.GetValue(i) is { } v)
            {
                var key = v switch
                {
                    bool b => b ? "true" : "false",
                    _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty,
                };
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }

    private static double JensenShannonDistance(Dictionary<string, int> p, int pTotal, Dictionary<string, int> q, int qTotal)
    {
        double divergence = 0;
        foreach (var key in p.Keys.Union(q.Keys))
        {
            var pi = p.GetValueOrDefault(key) / (double)pTotal;
            var qi = q.GetValueOrDefault(key) / (double)qTotal;
            var m = (pi + qi) / 2;
            if (pi > 0)
            {
                divergence += 0.5 * pi * Math.Log2(pi / m);
            }

            if (qi > 0)
            {
                divergence += 0.5 * qi * Math.Log2(qi / m);
            }
        }

        return Math.Sqrt(Math.Max(0, divergence));
    }

    private static double[] SortedNumbers(Column column)
    {
        double[] values = column switch
        {
            NumericColumn n => [.. n.Numbers().Where(v => !double.IsNaN(v))],
            DateTimeColumn d => [.. d.Values.ToArray().Where(v => v is not null).Select(v => (double)v!.Value.Ticks)],
            _ => [],
        };
        Array.Sort(values);
        return values;
    }

    private static string Median(double[] sorted, Column column)
    {
        if (sorted.Length == 0)
        {
            return "n/a";
        }

        var median = sorted[sorted.Length / 2];
        return column is DateTimeColumn ? new DateTime((long)median, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Number(median);
    }
}
