namespace LatentOps.Data.Splitting;

/// <summary>How <see cref="TableSplitter"/> assigns rows to parts.</summary>
public enum SplitMethod
{
    /// <summary>Rows shuffled with a seed.</summary>
    Random,

    /// <summary>Each class of a column (usually the label) split in the same proportions.</summary>
    Stratified,

    /// <summary>The latest rows by a time column form the test part; equal times never straddle the cut.</summary>
    Time,

    /// <summary>Whole groups (e.g. customers) go to one part; no group appears in two parts.</summary>
    Group,
}
