namespace LatentOps.Learning.Tuning;

/// <summary>The outcome of a search: every trial and the best one.</summary>
public sealed record TuningResult
{
    /// <summary>All trials in order.</summary>
    public required IReadOnlyList<TrialResult> Trials { get; init; }

    /// <summary>The trial with the highest score (its model is kept; the caller disposes it).</summary>
    public required TrialResult Best { get; init; }

    /// <summary>The search strategy used.</summary>
    public TuningStrategy Strategy { get; init; }

    /// <summary>Rungs run (1 for random search).</summary>
    public int Rungs { get; init; } = 1;

    /// <summary>True when cancellation ended the search early.</summary>
    public bool Cancelled { get; init; }
}
