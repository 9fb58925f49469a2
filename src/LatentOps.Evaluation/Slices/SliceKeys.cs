using System.Globalization;
using LatentOps.Core.Tables;
using LatentOps.Evaluation.Bootstrap;

namespace LatentOps.Evaluation.Slices;

/// <summary>
/// The slice of each row for one column: the value for strings (missing as "(missing)", rare values
/// pooled as "(other)"), a quantile bin for numbers and dates (labelled "[low, high]").
/// </summary>
public static class SliceKeys
{
    /// <summary>The label of rows with no value.</summary>
    public const string Missing = "(missing)";

    /// <summary>The label of pooled rare values.</summary>
    public const string Other = "(other)";

    /// <summary>One label per row and the labels in display order.</summary>
    public static (string[] Keys, IReadOnlyList<string> Order) For(Column column, int quantileBins, int maxValues)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column switch
        {
            NumericColumn numeric when column.Type == ColumnType.Boolean || Distinct(numeric) <= quantileBins => Categorical(column, maxValues),
            NumericColumn numeric => Quantiles(numeric.Values.ToArray(), quantileBins, v => v.ToString("G4", CultureInfo.InvariantCulture)),
            DateTimeColumn dates => Quantiles([.. dates.Values.ToArray().Select(d => d is null ? double.NaN : d.Value.Ticks)], quantileBins, v => new DateTime((long)v, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => Categorical(column, maxValues),
        };
    }

    private static int Distinct(NumericColumn column) => column.Values.ToArray().Where(v => !double.IsNaN(v)).Distinct().Count();

    private static (string[] Keys, IReadOnlyList<string> Order) Categorical(Column column, int maxValues)
    {
        var keys = new string[column.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = column.GetValue(i) switch
            {
                null => Missing,
                double d => d.ToString("G6", CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? Missing,
            };
        }

        var counts = keys.GroupBy(k => k, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (counts.Count > maxValues)
        {
            var keep = counts.Take(maxValues - 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                if (!keep.Contains(keys[i]))
                {
                    keys[i] = Other;
                }
            }
        }

        var order = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return (keys, order);
    }

    private static (string[] Keys, IReadOnlyList<string> Order) Quantiles(double[] values, int bins, Func<double, string> format)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        var edges = Enumerable.Range(0, bins + 1).Select(b => BootstrapEstimator.Quantile(sorted, (double)b / bins)).Distinct().ToArray();
        var labels = new string[Math.Max(1, edges.Length - 1)];
        for (var b = 0; b < labels.Length; b++)
        {
            labels[b] = edges.Length < 2
                ? $"[{format(edges[0])}, {format(edges[0])}]"
                : b == 0 ? $"[{format(edges[0])}, {format(edges[1])}]" : $"({format(edges[b])}, {format(edges[b + 1])}]";
        }

        var keys = new string[values.Length];
        var anyMissing = false;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                keys[i] = Missing;
                anyMissing = true;
                continue;
            }

            var bin = 0;
            while (bin < labels.Length - 1 && values[i] > edges[bin + 1])
            {
                bin++;
            }

            keys[i] = labels[bin];
        }

        var order = labels.Where(l => keys.Contains(l)).ToList();
        if (anyMissing)
        {
            order.Add(Missing);
        }

        return (keys, order);
    }
}
