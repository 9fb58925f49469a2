using LatentOps.Core.Tables;

namespace LatentOps.Learning.Preprocessing;

/// <summary>
/// The fitted encoding of one source column: everything needed to turn its raw values into encoder
/// input exactly as training did. Part of the model package manifest.
/// </summary>
public sealed record ColumnEncoding
{
    /// <summary>The source column name.</summary>
    public required string Column { get; init; }

    /// <summary>The source column type the encoding was fitted on.</summary>
    public required ColumnType SourceType { get; init; }

    /// <summary>How the column is encoded.</summary>
    public required ColumnEncodingKind Kind { get; init; }

    /// <summary>Numbers: the value subtracted (training median); datetimes: the centre of the year feature.</summary>
    public double Center { get; init; }

    /// <summary>Numbers: the divisor (IQR / 1.349, else standard deviation, else 1); datetimes: the year scale.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>True when a 0/1 missing-value indicator feature follows the value(s).</summary>
    public bool MissingIndicator { get; init; }

    /// <summary>Categories: the known values; index i+1 in the embedding table; anything else maps to 0.</summary>
    public IReadOnlyList<string>? Vocabulary { get; init; }

    /// <summary>Categories: the width of the learned embedding.</summary>
    public int EmbeddingDimension { get; init; }

    /// <summary>The number of numeric features this column contributes.</summary>
    public int NumericWidth => Kind switch
    {
        ColumnEncodingKind.Numeric => 1 + (MissingIndicator ? 1 : 0),
        ColumnEncodingKind.DateTime => 7 + (MissingIndicator ? 1 : 0),
        _ => 0,
    };

    /// <summary>Categories: the embedding table size (vocabulary plus the unknown bucket).</summary>
    public int Cardinality => (Vocabulary?.Count ?? 0) + 1;
}
