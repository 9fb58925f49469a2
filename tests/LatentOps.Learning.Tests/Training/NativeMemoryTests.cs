using System.Diagnostics;
using LatentOps.Learning.Training;

namespace LatentOps.Learning.Tests.Training;

[Collection(SerialCollection.Name)]
public sealed class NativeMemoryTests
{
    [Fact]
    public void Fit_30Epochs_WorkingSetStopsGrowing()
    {
        var table = SampleTables.LendingClub(512);
        var options = TabularTrainerTests.Small(epochs: 30);
        options.Patience = 0;
        options.BatchSize = 32; // many steps per epoch: a leak per step would show
        var samples = new List<long>();
        var progress = new SyncProgress(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            samples.Add(process.WorkingSet64);
        });
        var run = new TabularTrainer(options).Fit(table, progress);
        run.Model.Dispose();

        Assert.Equal(30, samples.Count);
        // After warm-up (allocator pools, JIT), the second half may not grow by more than 8 MB;
        // a leaked batch (32 x ~200 floats x several tensors) per step would add far more over 240 steps.
        var settled = samples[10];
        var last = samples[^1];
        Assert.True(last - settled < 8L * 1024 * 1024, $"working set grew from {settled / 1048576} MB (epoch 11) to {last / 1048576} MB (epoch 30): {string.Join(", ", samples.Select(x => x / 1048576))}");
    }

    private sealed class SyncProgress(Action onReport) : IProgress<LatentOps.Core.Progress.ProgressUpdate>
    {
        public void Report(LatentOps.Core.Progress.ProgressUpdate value) => onReport();
    }
}
