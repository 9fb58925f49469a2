using System.Buffers;
using System.Globalization;
using LatentOps.Core.Tables;
using LatentOps.Data.Hashing;

namespace LatentOps.Data.Profiling;

/// <summary>
/// Profiles a table column by column (in parallel): counts, missing values, exact distinct counts,
/// min/max/mean/std and quantiles, histograms, top values and text lengths.
/// </summary>
public static class TableProfiler
{
    private const int DecodeBlock = 4096;
    private static readonly double[] Probabilities = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

    /// <summary>Profiles <paramref name="table"/>.</summary>
    public static TableProfile Profile(Table table, ProfileOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ProfileOptions();
        options.Validate();
        var profiles = new ColumnProfile[table.Columns.Count];
        int? duplicates = null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        var jobs = Enumerable.Range(-1, table.Columns.Count + 1).Where(i => i >= 0 || options.CountDuplicateRows).ToArray();
        Parallel.ForEach(jobs, parallel, i =>
        {
            if (i < 0)
            {
                duplicates = CountDuplicates(table);
            }
            else
            {
                profiles[i] = ProfileColumn(table.Columns[i], options);
            }
        });
        return new TableProfile(table.RowCount, table.Columns.Count, duplicates, profiles, options.HistogramBins, options.TopValues);
    }

    /// <summary>Profiles one column.</summary>
    public static ColumnProfile ProfileColumn(Column column, ProfileOptions options)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(options);
        return column switch
        {
            NumericColumn n => ProfileNumbers(n, options),
            DateTimeColumn d => ProfileDates(d, options),
            StringColumn s => ProfileStrings(s, options),
            _ => throw new ArgumentException($"Unsupported column class {column.GetType().Name}.", nameof(column)),
        };
    }

    /// <summary>Rows that repeat an earlier row exactly.</summary>
    public static int CountDuplicates(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var hashes = TableHash.RowHashes(table);
        Array.Sort(hashes);
        var duplicates = 0;
        for (var i = 1; i < hashes.Length; i++)
        {
            if (hashes[i] == hashes[i - 1])
            {
                duplicates++;
            }
        }

        return duplicates;
    }

    /// <summary>Quantile with linear interpolation between closest ranks (numpy's default) of sorted values.</summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double probability)
    {
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        var position = probability * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    private static ColumnProfile ProfileNumbers(NumericColumn column, ProfileOptions options)
    {
        // A pooled scratch array: profiling many large columns must not leave one dead copy per column behind.
        var values = ArrayPool<double>.Shared.Rent(Math.Max(1, column.Length));
        try
        {
            return ProfileNumbers(column, options, values);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
        }
    }

    private static ColumnProfile ProfileNumbers(NumericColumn column, ProfileOptions options, double[] values)
    {
        var rows = column.Length;
        var count = 0;
        for (var start = 0; start < rows; start += DecodeBlock)
        {
            // Decoded block by block straight into the scratch array (narrow storage never widens in place).
            var block = values.AsSpan(count, Math.Min(DecodeBlock, rows - start));
            column.CopyTo(start, block);
            foreach (var v in block)
            {
                if (!double.IsNaN(v))
                {
                    values[count++] = v;
                }
            }
        }

        var present = values.AsSpan(0, count);
        var missing = rows - count;
        if (count == 0)
        {
            return new ColumnProfile(column.Name, column.Type, 0, missing, Share(missing, rows), 0, null, null, null, null, null);
        }

        double mean = 0, m2 = 0;
        var zeros = 0;
        for (var i = 0; i < present.Length; i++)
        {
            var delta = present[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (present[i] - mean);
            if (present[i] == 0)
            {
                zeros++;
            }
        }

        present.Sort();
        var distinct = 1;
        for (var i = 1; i < present.Length; i++)
        {
            if (present[i] != present[i - 1])
            {
                distinct++;
            }
        }

        var std = count > 1 ? Math.Sqrt(m2 / (count - 1)) : 0;
        var quantiles = new Quantile[Probabilities.Length];
        for (var q = 0; q < Probabilities.Length; q++)
        {
            quantiles[q] = new Quantile(Probabilities[q], QuantileOfSorted(present, Probabilities[q]));
        }

        var summary = new NumericSummary(present[0], present[^1], mean, std, zeros, quantiles);
        var histogram = column.Type == ColumnType.Boolean ? null : BinSorted(present, options.HistogramBins, "value");
        IReadOnlyList<ValueCount>? top = null;
        if (column.Type == ColumnType.Boolean || (column.Type == ColumnType.Integer && distinct <= 50))
        {
            top = TopOfSorted(present, options.TopValues, column.Type == ColumnType.Boolean);
        }

        return new ColumnProfile(column.Name, column.Type, count, missing, Share(missing, rows), distinct, summary, null, null, histogram, top);
    }

    private static ColumnProfile ProfileDates(DateTimeColumn column, ProfileOptions options)
    {
        var days = new List<double>(column.Length);
        var distinct = new HashSet<long>();
        foreach (var v in column.Values)
        {
            if (v is { } d)
            {
                days.Add((d - DateTime.UnixEpoch).TotalDays);
                distinct.Add(d.Ticks);
            }
        }

        var missing = column.Length - days.Count;
        if (days.Count == 0)
        {
            return new ColumnProfile(column.Name, column.Type, 0, missing, Share(missing, column.Length), 0, null, null, null, null, null);
        }

        var sorted = days.ToArray();
        Array.Sort(sorted);
        var summary = new DateSummary(DateTime.UnixEpoch.AddDays(sorted[0]), DateTime.UnixEpoch.AddDays(sorted[^1]));
        return new ColumnProfile(column.Name, column.Type, sorted.Length, missing, Share(missing, column.Length), distinct.Count, null, summary, null,
            BinSorted(sorted, options.HistogramBins, "date (days since 1970-01-01)"), null);
    }

    private static ColumnProfile ProfileStrings(StringColumn column, ProfileOptions options)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int count = 0, minLength = int.MaxValue, maxLength = 0;
        long totalLength = 0;
        var lengths = column.Type == ColumnType.Text ? new List<double>(column.Length) : null;
        for (var row = 0; row < column.Length; row++)
        {
            var v = column[row];
            if (v is null)
            {
                continue;
            }

            count++;
            totalLength += v.Length;
            minLength = Math.Min(minLength, v.Length);
            maxLength = Math.Max(maxLength, v.Length);
            lengths?.Add(v.Length);
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        var missing = column.Length - count;
        if (count == 0)
        {
            return new ColumnProfile(column.Name, column.Type, 0, missing, Share(missing, column.Length), 0, null, null, null, null, null);
        }

        var top = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(options.TopValues)
            .Select(kv => new ValueCount(kv.Key.Length > 200 ? kv.Key[..197] + "..." : kv.Key, kv.Value, (double)kv.Value / count)).ToArray();
        Histogram? histogram = null;
        if (lengths is not null)
        {
            var sorted = lengths.ToArray();
            Array.Sort(sorted);
            histogram = BinSorted(sorted, options.HistogramBins, "length");
        }

        return new ColumnProfile(column.Name, column.Type, count, missing, Share(missing, column.Length), counts.Count, null, null,
            new LengthSummary(minLength, (double)totalLength / count, maxLength), histogram, top);
    }

    private static Histogram BinSorted(ReadOnlySpan<double> sorted, int bins, string of)
    {
        var min = sorted[0];
        var max = sorted[^1];
        if (max == min)
        {
            return new Histogram([min - 0.5, min + 0.5], [sorted.Length], of);
        }

        var width = (max - min) / bins;
        var edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++)
        {
            edges[i] = min + (i * width);
        }

        edges[^1] = max;
        var counts = new int[bins];
        foreach (var v in sorted)
        {
            var bin = (int)((v - min) / width);
            counts[Math.Clamp(bin, 0, bins - 1)]++;
        }

        return new Histogram(edges, counts, of);
    }

    private static ValueCount[] TopOfSorted(ReadOnlySpan<double> sorted, int top, bool boolean)
    {
        var runs = new List<(double Value, int Count)>();
        var total = sorted.Length;
        var start = 0;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i == sorted.Length || sorted[i] != sorted[start])
            {
                runs.Add((sorted[start], i - start));
                start = i;
            }
        }

        return [.. runs.OrderByDescending(r => r.Count).ThenBy(r => r.Value).Take(top)
            .Select(r => new ValueCount(boolean ? (r.Value != 0 ? "true" : "false") : r.Value.ToString("R", CultureInfo.InvariantCulture), r.Count, (double)r.Count / total))];
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
