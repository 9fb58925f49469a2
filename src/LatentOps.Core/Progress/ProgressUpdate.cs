namespace LatentOps.Core.Progress;

/// <summary>
/// A progress report from long-running work (ingest, training, tuning). Library code reports
/// through <see cref="IProgress{T}"/>; the CLI draws a bar on a terminal and plain lines elsewhere.
/// </summary>
/// <param name="Stage">What is being done, e.g. "ingest" or "epoch".</param>
/// <param name="Done">Units done so far.</param>
/// <param name="Total">Units in all, or null when unknown.</param>
/// <param name="Detail">A short status such as "loss 0.512, 31k rows/s".</param>
public sealed record ProgressUpdate(string Stage, double Done, double? Total = null, string? Detail = null)
{
    /// <summary>Fraction done in [0, 1], or null when the total is unknown.</summary>
    public double? Fraction => Total is > 0 ? Math.Clamp(Done / Total.Value, 0, 1) : null;
}
