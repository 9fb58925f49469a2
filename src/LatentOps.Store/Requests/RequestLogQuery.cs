namespace LatentOps.Store.Requests;

/// <summary>Which logged requests to read: one model, optionally one version, a time range and/or the most recent ones.</summary>
public sealed class RequestLogQuery
{
    /// <summary>The registered model name (required).</summary>
    public required string Model { get; init; }

    /// <summary>Only requests answered by this version. The default is every version.</summary>
    public int? Version { get; init; }

    /// <summary>Only requests at or after this time. The default is no lower bound.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only requests before this time. The default is no upper bound.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only the most recent this many requests (after the other filters). The default is all; allowed 1 or more.</summary>
    public int? Last { get; init; }
}
