using LatentOps.Core.Tables;

namespace LatentOps.Data.Diffing;

/// <summary>A column whose type differs between two tables.</summary>
/// <param name="Column">The column.</param>
/// <param name="TypeA">Its type in A.</param>
/// <param name="TypeB">Its type in B.</param>
public sealed record ColumnTypeChange(string Column, ColumnType TypeA, ColumnType TypeB);
