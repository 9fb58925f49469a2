using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Data.Splitting;

/// <summary>
/// Splits a table into train, optional validation, and test parts: random, stratified by a class
/// column, by time (the test part is strictly later than every training row), or by group (no group in
/// two parts). Deterministic for a seed.
/// </summary>
public static class TableSplitter
{
    /// <summary>Splits <paramref name="table"/>.</summary>
    public static SplitResult Split(Table table, SplitOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (table.RowCount < 2)
        {
            throw LatentOpsException.InvalidInput($"A split needs at least 2 rows; the data has {table.RowCount}.");
        }

        var column = options.Column is null ? null : table[options.Column];
        var assignment = options.Method switch
        {
            SplitMethod.Random => RandomAssign(Enumerable.Range(0, table.RowCount).ToArray(), options),
            SplitMethod.Stratified => Stratified(column!, options),
            SplitMethod.Time => ByTime(column!, options),
            _ => ByGroup(column!, options),
        };

        var names = options.ValidationFraction > 0 ? new[] { "train", "validation", "test" } : ["train", "test"];
        var parts = new List<SplitPart>();
        for (var p = 0; p < names.Length; p++)
        {
            var part = names[p] == "test" ? 2 : names[p] == "validation" ? 1 : 0;
            var rows = Enumerable.Range(0, assignment.Length).Where(i => assignment[i] == part).ToArray();
            if (rows.Length == 0)
            {
                throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture,
                    $"The {names[p]} part of this {options.Method.ToString().ToLowerInvariant()} split would be empty ({table.RowCount} rows, test fraction {options.TestFraction}). Use more data or other fractions."));
            }

            parts.Add(new SplitPart(names[p], rows, table.Take(rows)));
        }

        return new SplitResult(parts, options.Method, options.TestFraction, options.ValidationFraction, options.Seed, options.Column);
    }

    /// <summary>0 train, 1 validation, 2 test for each of <paramref name="rows"/> (after a seeded shuffle), by count.</summary>
    private static int[] RandomAssign(int[] rows, SplitOptions options, int[]? into = null, int? total = null)
    {
        into ??= new int[total ?? rows.Length];
        var shuffled = (int[])rows.Clone();
        new Random(options.Seed).Shuffle(shuffled);
        var test = (int)Math.Round(shuffled.Length * options.TestFraction, MidpointRounding.AwayFromZero);
        var validation = (int)Math.Round(shuffled.Length * options.ValidationFraction, MidpointRounding.AwayFromZero);
        for (var i = 0; i < shuffled.Length; i++)
        {
            into[shuffled[i]] = i < test ? 2 : i < test + validation ? 1 : 0;
        }

        return into;
    }

    private static int[] Stratified(Column column, SplitOptions options)
    {
        var assignment = new int[column.Length];
        var groups = Enumerable.Range(0, column.Length).GroupBy(i => Key(column, i) ?? "\0missing", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            RandomAssign([.. group], options, assignment);
        }

        return assignment;
    }

    private static int[] ByTime(Column column, SplitOptions options)
    {
        if (column is not (DateTimeColumn or NumericColumn))
        {
            throw LatentOpsException.InvalidInput($"A time split needs a date or number column; '{column.Name}' is {column.Type.ToString().ToLowerInvariant()}.");
        }

        var times = new double[column.Length];
        for (var i = 0; i < column.Length; i++)
        {
            times[i] = column switch
            {
                DateTimeColumn d => d[i] is { } t ? t.Ticks : double.NaN,
                NumericColumn n => n[i],
                _ => double.NaN,
            };
            if (double.IsNaN(times[i]))
            {
                throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture,
                    $"Row {i + 1} has no value in the time column '{column.Name}'; a time split needs every row's time. Fill or drop those rows first."));
            }
        }

        var distinct = times.Distinct().Order().ToArray();
        var order = Enumerable.Range(0, times.Length).OrderBy(i => times[i]).ToArray();

        // Cut points fall between distinct times, so rows with the same time always share a part.
        double Cut(double fraction)
        {
            var index = (int)Math.Round(times.Length * (1 - fraction), MidpointRounding.AwayFromZero);
            index = Math.Clamp(index, 1, times.Length - 1);
            var candidate = times[order[index]];
            return candidate == distinct[0] && distinct.Length > 1 ? distinct[1] : candidate;
        }

        var testStart = Cut(options.TestFraction);
        var validationStart = options.ValidationFraction > 0 ? Cut(options.TestFraction + options.ValidationFraction) : testStart;
        var assignment = new int[times.Length];
        for (var i = 0; i < times.Length; i++)
        {
            assignment[i] = times[i] >= testStart ? 2 : times[i] >= validationStart ? 1 : 0;
        }

        return assignment;
    }

    private static int[] ByGroup(Column column, SplitOptions options)
    {
        var groups = Enumerable.Range(0, column.Length).GroupBy(i => Key(column, i) ?? "\0missing", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        if (groups.Length < 2)
        {
            throw LatentOpsException.InvalidInput($"A group split needs at least 2 groups; '{column.Name}' has {groups.Length}.");
        }

        new Random(options.Seed).Shuffle(groups);
        var assignment = new int[column.Length];
        var testTarget = column.Length * options.TestFraction;
        var validationTarget = column.Length * options.ValidationFraction;
        double inTest = 0, inValidation = 0;
        foreach (var group in groups)
        {
            int part;
            if (inTest < testTarget)
            {
                part = 2;
                inTest += group.Length;
            }
            else if (inValidation < validationTarget)
            {
                part = 1;
                inValidation += group.Length;
            }
            else
            {
                part = 0;
            }

            foreach (var row in group)
            {
                assignment[row] = part;
            }
        }

        return assignment;
    }

    private static string? Key(Column column, int row) => column.GetValue(row) switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.Ticks.ToString(CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture),
    };
}
