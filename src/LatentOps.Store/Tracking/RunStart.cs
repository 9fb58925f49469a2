namespace LatentOps.Store.Tracking;

/// <summary>What a new run starts with.</summary>
public sealed class RunStart
{
    /// <summary>The experiment (created when missing). The default is <c>default</c>.</summary>
    public string Experiment { get; init; } = "default";

    /// <summary>A human name. The default is <c>run-</c> and the first 8 digits of the run id.</summary>
    public string? Name { get; init; }

    /// <summary>The git commit of the code, when known. The default is none.</summary>
    public string? SourceCommit { get; init; }

    /// <summary>Parameters to log at start. The default is none.</summary>
    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();

    /// <summary>Tags to set at start. The default is none.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
