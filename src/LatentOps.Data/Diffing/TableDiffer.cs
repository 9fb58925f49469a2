using LatentOps.Core.Tables;
using LatentOps.Data.Hashing;
using LatentOps.Data.Reading;

namespace LatentOps.Data.Diffing;

/// <summary>Compares two tables: columns added, removed or retyped, and rows only in one or in both (as multisets).</summary>
public static class TableDiffer
{
    /// <summary>Compares <paramref name="a"/> with <paramref name="b"/>.</summary>
    public static TableDiff Compare(Table a, Table b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var added = b.Columns.Where(c => !a.Contains(c.Name)).Select(c => c.Name).ToArray();
        var removed = a.Columns.Where(c => !b.Contains(c.Name)).Select(c => c.Name).ToArray();
        var common = a.Columns.Where(c => b.Contains(c.Name)).Select(c => c.Name).ToArray();
        var retyped = common.Where(n => a[n].Type != b[n].Type).Select(n => new ColumnTypeChange(n, a[n].Type, b[n].Type)).ToArray();
        var comparable = common.Where(n => a[n].Type == b[n].Type).ToArray();

        int onlyA = a.RowCount, onlyB = b.RowCount, both = 0;
        if (comparable.Length > 0)
        {
            var counts = new Dictionary<ulong, int>();
            foreach (var h in TableHash.RowHashes(a, comparable))
            {
                counts[h] = counts.GetValueOrDefault(h) + 1;
            }

            foreach (var h in TableHash.RowHashes(b, comparable))
            {
                if (counts.TryGetValue(h, out var n) && n > 0)
                {
                    counts[h] = n - 1;
                    both++;
                }
            }

            onlyA = a.RowCount - both;
            onlyB = b.RowCount - both;
        }

        var columns = common.Select(n => new ColumnDiff(n, a[n].MissingCount, b[n].MissingCount, Mean(a[n]), Mean(b[n]))).ToArray();
        return new TableDiff(a.RowCount, b.RowCount, added, removed, retyped, onlyA, onlyB, both, columns);
    }

    private static double? Mean(Column column)
    {
        if (column is not NumericColumn n)
        {
            return null;
        }

        double sum = 0;
        var count = 0;
        foreach (var v in n.Numbers())
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                count++;
            }
        }

        return count == 0 ? null : sum / count;
    }
}
