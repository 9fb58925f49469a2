namespace LatentOps.Store.Tracking;

/// <summary>The life-cycle state of a run.</summary>
public enum RunStatus
{
    /// <summary>Started and not ended.</summary>
    Running,

    /// <summary>Ended normally.</summary>
    Finished,

    /// <summary>Ended with an error.</summary>
    Failed,

    /// <summary>Stopped by the user (Ctrl+C) or killed.</summary>
    Killed,
}
