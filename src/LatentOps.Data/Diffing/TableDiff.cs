namespace LatentOps.Data.Diffing;

/// <summary>What differs between two tables: schema and a row-level summary.</summary>
/// <param name="RowsA">Rows in A.</param>
/// <param name="RowsB">Rows in B.</param>
/// <param name="AddedColumns">Columns only in B.</param>
/// <param name="RemovedColumns">Columns only in A.</param>
/// <param name="TypeChanges">Columns in both whose type differs.</param>
/// <param name="RowsOnlyInA">Rows of A with no equal row in B (over the common columns, counting repeats).</param>
/// <param name="RowsOnlyInB">Rows of B with no equal row in A.</param>
/// <param name="RowsInBoth">Rows matched between A and B.</param>
/// <param name="Columns">Per common column: missing values and mean (numbers) in A and B.</param>
public sealed record TableDiff(
    int RowsA,
    int RowsB,
    IReadOnlyList<string> AddedColumns,
    IReadOnlyList<string> RemovedColumns,
    IReadOnlyList<ColumnTypeChange> TypeChanges,
    int RowsOnlyInA,
    int RowsOnlyInB,
    int RowsInBoth,
    IReadOnlyList<ColumnDiff> Columns)
{
    /// <summary>True when schema and rows are the same (as a multiset).</summary>
    public bool Identical => AddedColumns.Count == 0 && RemovedColumns.Count == 0 && TypeChanges.Count == 0 && RowsOnlyInA == 0 && RowsOnlyInB == 0;
}
