namespace LatentOps.Monitoring.Policy;

/// <summary>The triggers of a <see cref="RetrainingPolicy"/>.</summary>
public sealed class PolicyRules
{
    /// <summary>Fire when the dataset drifts (share of drifted columns &gt;= the drift share).</summary>
    public bool DatasetDrift { get; set; }

    /// <summary>Fire when the embedding MMD p-value is below this (e.g. 0.01).</summary>
    public double? EmbeddingDriftPValue { get; set; }

    /// <summary>Fire when CBPE's estimated accuracy is below the champion's reference accuracy by more than this (e.g. 0.05).</summary>
    public double? EstimatedAccuracyDrop { get; set; }

    /// <summary>Fire when realised accuracy (feedback) is below the champion's reference accuracy by more than this.</summary>
    public double? RealisedAccuracyDrop { get; set; }

    /// <summary>Fire when the champion was trained longer ago than this (<c>7d</c>, <c>12h</c>, <c>30m</c> or <c>d.hh:mm:ss</c>).</summary>
    public string? Schedule { get; set; }

    /// <summary>Never retrain with fewer new rows than this, whatever fired.</summary>
    /// <value>The default is 0.</value>
    public int MinimumNewRows { get; set; }
}
