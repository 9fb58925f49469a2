namespace LatentOps.Core.Tables;

/// <summary>A column's name and type.</summary>
/// <param name="Name">The column name as in the source file.</param>
/// <param name="Type">What it holds.</param>
public sealed record ColumnSchema(string Name, ColumnType Type)
{
    /// <summary>True for the types stored as numbers (numeric, integer, boolean).</summary>
    public bool IsNumeric => Type is ColumnType.Numeric or ColumnType.Integer or ColumnType.Boolean;
}
