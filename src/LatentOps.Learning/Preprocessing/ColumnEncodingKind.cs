namespace LatentOps.Learning.Preprocessing;

/// <summary>How one source column becomes encoder input.</summary>
public enum ColumnEncodingKind
{
    /// <summary>A number: robust scaling (median, IQR), clipped, with a missing-value indicator when the training data had gaps.</summary>
    Numeric,

    /// <summary>A category: an index into a vocabulary (index 0 is the unknown/missing bucket) feeding a learned embedding.</summary>
    Categorical,

    /// <summary>A point in time: scaled year plus cyclic month, day-of-week and hour parts, with a missing indicator.</summary>
    DateTime,
}
