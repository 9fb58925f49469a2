using LatentOps.Core.Progress;
using LatentOps.Insights;

namespace LatentOps.Dashboard.Sales;

/// <summary>One sales analysis running (or finished) in the server process: its latest progress, and its outcome.</summary>
internal sealed class SalesJob(string id, string fileName)
{
    private readonly Lock gate = new();
    private ProgressUpdate? latest;

    public string Id { get; } = id;

    public string FileName { get; } = fileName;

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public SalesJobState State { get; private set; } = SalesJobState.Queued;

    public string? Error { get; private set; }

    public IProgress<ProgressUpdate> Progress => new Relay(this);

    /// <summary>A snapshot for the status endpoint and the progress page.</summary>
    public SalesJobStatus Status()
    {
        lock (gate)
        {
            var (fraction, step) = Overall(latest);
            return new SalesJobStatus(Id, FileName, State.ToString().ToLowerInvariant(), latest?.Stage, Math.Round(fraction, 3), step,
                State == SalesJobState.Queued ? "waiting for another analysis to finish" : latest?.Detail, Error);
        }
    }

    public void Running()
    {
        lock (gate)
        {
            State = SalesJobState.Running;
        }
    }

    public void Finished()
    {
        lock (gate)
        {
            State = SalesJobState.Done;
            latest = new ProgressUpdate(SalesInsightsStages.Done, 1, 1, "finished");
        }
    }

    public void Failed(string error)
    {
        lock (gate)
        {
            State = SalesJobState.Failed;
            Error = error;
        }
    }

    // The stages take very different times; these weights make the bar move at a steady pace.
    private static (double Fraction, int Step) Overall(ProgressUpdate? update)
    {
        if (update is null)
        {
            return (0, 0);
        }

        var (start, width, step) = update.Stage switch
        {
            SalesInsightsStages.Reading => (0.0, 0.05, 1),
            SalesInsightsStages.Customers => (0.05, 0.30, 2),
            SalesInsightsStages.Segments => (0.35, 0.10, 3),
            SalesInsightsStages.Products => (0.45, 0.45, 4),
            SalesInsightsStages.UnusualOrders => (0.90, 0.10, 5),
            _ => (1.0, 0.0, 5),
        };
        return (start + (width * (update.Fraction ?? 0)), step);
    }

    private sealed class Relay(SalesJob job) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value)
        {
            lock (job.gate)
            {
                job.latest = value;
            }
        }
    }
}
