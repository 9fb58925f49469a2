namespace LatentOps.Learning.Packaging;

/// <summary>Descriptive fields written into a model package's manifest.</summary>
public sealed record ModelPackageInfo
{
    /// <summary>The model name, if known.</summary>
    public string? Name { get; init; }

    /// <summary>Evaluation figures to carry (e.g. probe scores); names follow the Score/Loss convention.</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    /// <summary>Where the model came from (run id, dataset reference, git commit).</summary>
    public IReadOnlyDictionary<string, string>? Lineage { get; init; }
}
