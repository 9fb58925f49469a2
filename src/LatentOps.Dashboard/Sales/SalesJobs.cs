using System.Collections.Concurrent;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Insights;
using LatentOps.Insights.Columns;

namespace LatentOps.Dashboard.Sales;

/// <summary>
/// The sales analyses of one workspace, run in the background of the server process one at a time
/// across the process (they train networks; two at once would only slow each other down). One
/// instance per workspace folder.
/// An analysis the server stopped during runs again at the next start (<see cref="ResumeInterruptedAsync"/>).
/// </summary>
internal sealed class SalesJobs
{
    private static readonly ConcurrentDictionary<string, SalesJobs> ByWorkspace = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SalesJob> jobs = new(StringComparer.Ordinal);
    private const string StoppedMessage = "The server stopped before this analysis finished; it runs again when the server starts.";

    // One analysis at a time in the whole process, not per workspace: each trains networks on every core.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    private SalesJobs(string workspaceRoot)
    {
        Store = new SalesResultStore(workspaceRoot);
    }

    public SalesResultStore Store { get; }

    public static SalesJobs For(string workspaceRoot) => ByWorkspace.GetOrAdd(Path.GetFullPath(workspaceRoot), root => new SalesJobs(root));

    public SalesJob? Find(string id) => jobs.GetValueOrDefault(id);

    /// <summary>Jobs not finished yet, oldest first.</summary>
    public IReadOnlyList<SalesJob> Active() => [.. jobs.Values.Where(j => j.State is SalesJobState.Queued or SalesJobState.Running).OrderBy(j => j.Started)];

    /// <summary>Starts analysing <paramref name="table"/> in the background.</summary>
    public SalesJob Start(string id, string fileName, Table table, CancellationToken stopping)
    {
        Store.MarkQueued(id, fileName);
        var job = new SalesJob(id, fileName);
        jobs[id] = job;
        _ = Task.Run(() => RunAsync(job, table, stopping), CancellationToken.None);
        return job;
    }

    /// <summary>
    /// Queues again every analysis that was queued or running when the server last stopped (its upload
    /// is kept in the workspace). A file that no longer reads as a sales export ends as a failed analysis.
    /// </summary>
    /// <returns>How many analyses were queued again.</returns>
    public async Task<int> ResumeInterruptedAsync(CancellationToken stopping)
    {
        var resumed = 0;
        foreach (var upload in Store.Interrupted())
        {
            if (jobs.ContainsKey(upload.Id))
            {
                continue;
            }

            try
            {
                var table = await TableReader.ReadAsync(upload.Path, new TableReadOptions(), stopping).ConfigureAwait(false);
                SalesColumnDetector.Detect(table, $"'{upload.FileName}'");
                Start(upload.Id, upload.FileName, table, stopping);
                resumed++;
            }
            catch (LatentOpsException e)
            {
                var job = new SalesJob(upload.Id, upload.FileName);
                job.Failed(e.Message);
                jobs[upload.Id] = job;
                Store.MarkFailed(upload.Id, e.Message);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return resumed;
    }

    private async Task RunAsync(SalesJob job, Table table, CancellationToken stopping)
    {
        try
        {
            await OneAtATime.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            job.Failed(StoppedMessage);
            return;
        }

        try
        {
            job.Running();
            var result = await Task.Factory.StartNew(
                () => new SalesInsights().Run(table, job.FileName, job.Progress, stopping),
                stopping,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
            await Store.SaveAsync(job.Id, result, CancellationToken.None).ConfigureAwait(false);
            job.Finished();
        }
        catch (LatentOpsException e)
        {
            Fail(job, e.Message);
        }
        catch (OperationCanceledException)
        {
            // Not recorded as failed: the upload and its queued marker stay, so the next start runs it again.
            job.Failed(StoppedMessage);
        }
#pragma warning disable CA1031 // A background job must end in a visible state, whatever went wrong.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fail(job, $"An unexpected error stopped the analysis ({e.GetType().Name}: {e.Message}). Please report it.");
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private void Fail(SalesJob job, string error)
    {
        job.Failed(error);
        try
        {
            Store.MarkFailed(job.Id, error);
        }
        catch (IOException)
        {
            // The page still shows the failure; only a restart would try the analysis again.
        }
    }
}
