namespace LatentOps.Learning.Export;

/// <summary>The learned embedding table of one categorical column (row 0 is the unknown/missing bucket).</summary>
/// <param name="Column">The source column.</param>
/// <param name="Cardinality">Rows of the table (vocabulary + 1).</param>
/// <param name="Dimension">The embedding width.</param>
/// <param name="Values">Cardinality x Dimension values, row-major.</param>
public sealed record CategoryTable(string Column, int Cardinality, int Dimension, float[] Values);
