using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Learning.Training;

/// <summary>Maps a label column to class indices (classes sorted ordinally by their text).</summary>
internal static class LabelEncoding
{
    /// <summary>The text of row <paramref name="row"/>'s label, or null when missing.</summary>
    public static string? TextOf(Column column, int row) => column switch
    {
        NumericColumn n => double.IsNaN(n[row]) ? null : n[row].ToString("R", CultureInfo.InvariantCulture),
        StringColumn s => s[row],
        DateTimeColumn d => d[row]?.ToString("O", CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The classes present, sorted; InvalidInput when fewer than two.</summary>
    public static string[] ClassesOf(Table table, string labelColumn)
    {
        var column = table[labelColumn];
        var classes = new SortedSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < column.Length; r++)
        {
            if (TextOf(column, r) is { } text)
            {
                classes.Add(text);
            }
        }

        if (classes.Count < 2)
        {
            throw LatentOpsException.InvalidInput($"Label column '{labelColumn}' has {classes.Count} class{(classes.Count == 1 ? $" ('{classes.Min}')" : "es")} among its non-missing values; a classifier needs at least 2.");
        }

        return [.. classes];
    }

    /// <summary>Class index per row (-1 when missing or unknown).</summary>
    public static long[] IndicesOf(Table table, string labelColumn, IReadOnlyList<string> classes)
    {
        var column = table[labelColumn];
        var lookup = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (long)p.i, StringComparer.Ordinal);
        var indices = new long[column.Length];
        for (var r = 0; r < column.Length; r++)
        {
            indices[r] = TextOf(column, r) is { } text && lookup.TryGetValue(text, out var index) ? index : -1;
        }

        return indices;
    }
}
