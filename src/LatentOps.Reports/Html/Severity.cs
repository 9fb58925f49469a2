namespace LatentOps.Reports.Html;

/// <summary>How much a finding matters.</summary>
public enum Severity
{
    /// <summary>Worth knowing.</summary>
    Info,

    /// <summary>Look at it before relying on the result.</summary>
    Warning,

    /// <summary>The result is likely wrong or unsafe until fixed.</summary>
    Error,
}
