using LatentOps.Core.Tables;

namespace LatentOps.Data.Splitting;

/// <summary>One part of a split.</summary>
/// <param name="Name">"train", "validation" or "test".</param>
/// <param name="Rows">The source row indices, ascending.</param>
/// <param name="Table">The rows as a table.</param>
public sealed record SplitPart(string Name, IReadOnlyList<int> Rows, Table Table);
