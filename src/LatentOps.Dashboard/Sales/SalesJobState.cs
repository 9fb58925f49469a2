namespace LatentOps.Dashboard.Sales;

/// <summary>Where a sales analysis is.</summary>
internal enum SalesJobState
{
    /// <summary>Waiting for the analysis before it.</summary>
    Queued,

    /// <summary>Learning.</summary>
    Running,

    /// <summary>Finished; the result is saved.</summary>
    Done,

    /// <summary>Stopped with an error.</summary>
    Failed,
}
