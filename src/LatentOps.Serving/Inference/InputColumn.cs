using LatentOps.Core.Tables;

namespace LatentOps.Serving.Inference;

/// <summary>One input a served model expects, from its signature.</summary>
/// <param name="Name">The column name (the JSON field name in a request row).</param>
/// <param name="Type">The type the model was trained on.</param>
/// <param name="Nullable">True when the field may be null or absent (the model has a missing-value rule).</param>
public sealed record InputColumn(string Name, ColumnType Type, bool Nullable);
