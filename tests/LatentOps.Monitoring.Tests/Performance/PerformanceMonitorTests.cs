using LatentOps.Core.Errors;
using LatentOps.Monitoring.Performance;

namespace LatentOps.Monitoring.Tests.Performance;

public sealed class PerformanceMonitorTests
{
    /// <summary>Calibrated binary predictions: confidence c, correct with probability c.</summary>
    private static ScoredPredictions Calibrated(int rows, Func<int, double> confidence, int seed, bool labelled)
    {
        var random = new Random(seed);
        var p = new float[rows * 2];
        var labels = new int?[rows];
        for (var i = 0; i < rows; i++)
        {
            var c = (float)confidence(i);
            p[2 * i] = c;
            p[(2 * i) + 1] = 1 - c;
            labels[i] = labelled ? (random.NextDouble() < c ? 0 : 1) : null;
        }

        return new ScoredPredictions(p, 2, labels, [.. Enumerable.Range(0, rows).Select(i => new DateTime(2026, 1, 1).AddHours(i))]);
    }

    [Fact]
    public void Run_CalibratedPredictions_RealisedAccuracyInsideBands()
    {
        var windows = new PerformanceMonitor().Run(Calibrated(4000, i => i < 2000 ? 0.9 : 0.7, 1, true), WindowSpec.ByCount(1000));
        Assert.Equal(4, windows.Count);
        Assert.Equal(0.9, windows[0].EstimatedAccuracyScore, 6);
        Assert.Equal(0.7, windows[3].EstimatedAccuracyScore, 6);
        Assert.All(windows, w => Assert.InRange(w.RealisedAccuracyScore!.Value, w.LowerBand, w.UpperBand));
        Assert.All(windows, w => Assert.InRange(w.CalibrationError!.Value, 0, 0.05));
    }

    [Fact]
    public void Run_NoFeedback_EstimatesOnlyAndNoRealisedAccuracy()
    {
        var windows = new PerformanceMonitor().Run(Calibrated(500, _ => 0.8, 2, false), WindowSpec.ByCount(250));
        Assert.All(windows, w => Assert.Null(w.RealisedAccuracyScore));
        Assert.All(windows, w => Assert.Equal(Math.Sqrt(250 * 0.8 * 0.2) / 250, w.EstimatedAccuracyStandardError, 6));
    }

    [Fact]
    public void Run_ByDay_OneWindowPerDay()
    {
        var windows = new PerformanceMonitor().Run(Calibrated(72, _ => 0.8, 3, false), WindowSpec.ByTime(TimeSpan.FromDays(1)));
        Assert.Equal(3, windows.Count);
        Assert.Equal(new DateTime(2026, 1, 2), windows[1].Start);
    }

    [Fact]
    public void Run_OverconfidentModel_CalibrationErrorShows()
    {
        var p = new float[2000];
        var labels = new int?[1000];
        for (var i = 0; i < 1000; i++)
        {
            p[2 * i] = 0.95f;
            p[(2 * i) + 1] = 0.05f;
            labels[i] = i % 10 < 6 ? 0 : 1; // right 60% of the time
        }

        var w = new PerformanceMonitor().Run(new ScoredPredictions(p, 2, labels), WindowSpec.ByCount(1000)).Single();
        Assert.Equal(0.35, w.CalibrationError!.Value, 6);
        Assert.True(w.RealisedAccuracyScore < w.LowerBand);
    }

    [Fact]
    public void ScoredPredictions_RowNotSummingToOne_ThrowsNamingRow()
    {
        var ex = Assert.Throws<LatentOpsException>(() => new ScoredPredictions([0.5f, 0.5f, 0.9f, 0.3f], 2));
        Assert.Contains("Row 1", ex.Message);
    }
}
