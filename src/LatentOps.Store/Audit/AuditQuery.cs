namespace LatentOps.Store.Audit;

/// <summary>Which audit entries to list.</summary>
public sealed class AuditQuery
{
    /// <summary>Only entries whose action starts with this (e.g. <c>model.</c>). The default is all.</summary>
    public string? ActionPrefix { get; init; }

    /// <summary>Only entries about this subject. The default is all.</summary>
    public string? Subject { get; init; }

    /// <summary>At most this many entries, newest first. The default is 100; allowed 1 to 100000.</summary>
    public int Limit { get; init; } = 100;
}
