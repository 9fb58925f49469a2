using LatentOps.Core.Tables;

namespace LatentOps.Learning.Packaging;

/// <summary>One input column of a model signature.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The column type the model was trained on.</param>
/// <param name="Nullable">True when the value may be missing (missing values have a fitted rule).</param>
public sealed record SignatureInput(string Name, ColumnType Type, bool Nullable);
