namespace LatentOps.Store.Tracking;

/// <summary>Which runs to list and in what order (MLflow's search_runs, smaller).</summary>
public sealed class RunQuery
{
    /// <summary>Only runs of this experiment. The default is all experiments.</summary>
    public string? Experiment { get; init; }

    /// <summary>Only runs in this state. The default is any state.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>
    /// Conditions joined by <c>and</c>: <c>metrics.KEY OP NUMBER</c> (OP one of = != &lt; &lt;= &gt; &gt;=),
    /// <c>params.KEY = 'TEXT'</c>, <c>tags.KEY != 'TEXT'</c>, <c>attributes.name = 'TEXT'</c>. The default is none.
    /// </summary>
    public string? Filter { get; init; }

    /// <summary>
    /// Sort key: <c>start_time</c>, <c>name</c>, <c>metrics.KEY</c> or <c>params.KEY</c>, optionally followed by
    /// <c>asc</c> or <c>desc</c>. The default is <c>start_time desc</c>. Runs without the metric sort last.
    /// </summary>
    public string? OrderBy { get; init; }

    /// <summary>At most this many runs. The default is 100; allowed 1 to 100000.</summary>
    public int MaxResults { get; init; } = 100;
}
