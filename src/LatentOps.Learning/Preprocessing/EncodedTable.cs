namespace LatentOps.Learning.Preprocessing;

/// <summary>
/// Rows turned into encoder input by a <see cref="FittedPreprocessor"/>: a row-major matrix of numeric
/// features and a row-major matrix of category indices (0 is the unknown/missing bucket).
/// </summary>
/// <param name="Rows">The number of rows.</param>
/// <param name="NumericWidth">Numeric features per row.</param>
/// <param name="CategoryCount">Categorical columns per row.</param>
/// <param name="Numeric">Rows x NumericWidth values.</param>
/// <param name="Categories">Rows x CategoryCount indices.</param>
public sealed record EncodedTable(int Rows, int NumericWidth, int CategoryCount, float[] Numeric, long[] Categories);
