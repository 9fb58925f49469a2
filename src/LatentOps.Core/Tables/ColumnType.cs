namespace LatentOps.Core.Tables;

/// <summary>
/// What a column holds, as inferred at ingest or given by a schema file. Decides storage
/// (<see cref="NumericColumn"/>, <see cref="StringColumn"/>, <see cref="DateTimeColumn"/>) and how
/// learning and checks treat it.
/// </summary>
public enum ColumnType
{
    /// <summary>Real numbers. Stored as <see cref="NumericColumn"/>.</summary>
    Numeric,

    /// <summary>Whole numbers. Stored as <see cref="NumericColumn"/>.</summary>
    Integer,

    /// <summary>True/false, stored as 1/0 in a <see cref="NumericColumn"/>.</summary>
    Boolean,

    /// <summary>A small set of repeated values. Stored as <see cref="StringColumn"/>.</summary>
    Categorical,

    /// <summary>A point in time. Stored as <see cref="DateTimeColumn"/>.</summary>
    DateTime,

    /// <summary>Free text (long, mostly unique strings). Stored as <see cref="StringColumn"/>.</summary>
    Text,

    /// <summary>A key (unique per row, no signal). Stored as <see cref="StringColumn"/>.</summary>
    Identifier,
}
