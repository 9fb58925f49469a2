using LatentOps.Core.Tables;

namespace LatentOps.Data.Reading;

/// <summary>Row-order enumeration of a column through its indexer, so narrow storage is read without making a wide copy (as <c>Values</c> would).</summary>
internal static class ColumnValues
{
    public static IEnumerable<double> Numbers(this NumericColumn column)
    {
        for (var row = 0; row < column.Length; row++)
        {
            yield return column[row];
        }
    }

    public static IEnumerable<string?> Strings(this StringColumn column)
    {
        for (var row = 0; row < column.Length; row++)
        {
            yield return column[row];
        }
    }
}
