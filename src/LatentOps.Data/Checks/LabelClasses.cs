using System.Globalization;
using LatentOps.Core.Tables;

namespace LatentOps.Data.Checks;

/// <summary>A label column as class indices (-1 for missing); null when the label is continuous (more than 20 numeric values).</summary>
internal sealed class LabelClasses
{
    public const int MaxClasses = 50;

    private LabelClasses(string column, string[] names, int[] codes)
    {
        Column = column;
        Names = names;
        Codes = codes;
        Counts = new int[names.Length];
        foreach (var c in codes)
        {
            if (c >= 0)
            {
                Counts[c]++;
            }
        }
    }

    public string Column { get; }

    public string[] Names { get; }

    public int[] Codes { get; }

    public int[] Counts { get; }

    public int Labelled => Counts.Sum();

    public static LabelClasses? From(Column column)
    {
        var values = new string?[column.Length];
        for (var i = 0; i < column.Length; i++)
        {
            values[i] = column.GetValue(i) switch
            {
                null => null,
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
                var o => o.ToString(),
            };
        }

        var names = values.Where(v => v is not null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (names.Length > MaxClasses || (column is NumericColumn && column.Type == ColumnType.Numeric && names.Length > 20))
        {
            return null;
        }

        var index = names.Select((n, i) => (n, i)).ToDictionary(x => x.n!, x => x.i, StringComparer.Ordinal);
        return new LabelClasses(column.Name, names!, [.. values.Select(v => v is null ? -1 : index[v])]);
    }
}
