namespace LatentOps.Monitoring.Drift;

/// <summary>
/// One per-column drift test. Implementations are small, stateless and thread-safe; find them with
/// <see cref="DriftTests.Get"/>.
/// </summary>
public interface IDriftTest
{
    /// <summary>Compares a reference and a current sample of one column.</summary>
    /// <param name="reference">The reference sample (missing values already dropped).</param>
    /// <param name="current">The current sample, of the same kind.</param>
    /// <param name="threshold">Alpha for p-value tests, the score threshold for score tests.</param>
    /// <returns>The statistic, p-value (if any), the threshold and the decision.</returns>
    DriftTestResult Test(DriftSample reference, DriftSample current, double threshold);
}
