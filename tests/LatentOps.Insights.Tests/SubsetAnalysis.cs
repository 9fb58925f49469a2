using LatentOps.Core.Progress;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Insights;

namespace LatentOps.Insights.Tests;

/// <summary>One analysis of the Superstore subset, shared by the tests that only read its result.</summary>
public sealed class SubsetAnalysis : IAsyncLifetime
{
    public static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "superstore-subset.csv");

    public static SalesInsightsOptions FastOptions(int seed = 7) => new()
    {
        Seed = seed,
        Threads = 1,
        CustomerEpochs = 25,
        ProductEpochs = 12,
        IsolationTrees = 100,
        MinSegments = 2,
        MaxSegments = 5,
    };

    public Table Table { get; private set; } = null!;

    public SalesInsightsResult Result { get; private set; } = null!;

    public List<ProgressUpdate> Progress { get; } = [];

    public async ValueTask InitializeAsync()
    {
        Table = await TableReader.ReadAsync(FixturePath);
        var progress = new SynchronousProgress(Progress);
        Result = new SalesInsights(FastOptions()).Run(Table, "superstore-subset.csv", progress);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class SynchronousProgress(List<ProgressUpdate> updates) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value)
        {
            lock (updates)
            {
                updates.Add(value);
            }
        }
    }
}
