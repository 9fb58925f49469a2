using System.Collections.Concurrent;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Insights;

namespace LatentOps.Dashboard.Sales;

/// <summary>
/// The sales analyses of one workspace, run in the background of the server process one at a time
/// (they train networks; two at once would only slow each other down). One instance per workspace folder.
/// </summary>
internal sealed class SalesJobs
{
    private static readonly ConcurrentDictionary<string, SalesJobs> ByWorkspace = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SalesJob> jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

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
        var job = new SalesJob(id, fileName);
        jobs[id] = job;
        _ = Task.Run(() => RunAsync(job, table, stopping), CancellationToken.None);
        return job;
    }

    private async Task RunAsync(SalesJob job, Table table, CancellationToken stopping)
    {
        try
        {
            await oneAtATime.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            job.Failed("The server stopped before this analysis started; upload the file again.");
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
            job.Failed(e.Message);
        }
        catch (OperationCanceledException)
        {
            job.Failed("The server stopped during this analysis; upload the file again.");
        }
#pragma warning disable CA1031 // A background job must end in a visible state, whatever went wrong.
        catch (Exception e)
#pragma warning restore CA1031
        {
            job.Failed($"An unexpected error stopped the analysis ({e.GetType().Name}: {e.Message}). Please report it.");
        }
        finally
        {
            oneAtATime.Release();
        }
    }
}
