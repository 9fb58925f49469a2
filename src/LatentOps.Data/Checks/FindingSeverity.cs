namespace LatentOps.Data.Checks;

/// <summary>How much a finding matters.</summary>
public enum FindingSeverity
{
    /// <summary>Worth knowing; nothing to fix.</summary>
    Info,

    /// <summary>Look at it before relying on a model trained on this data.</summary>
    Warning,

    /// <summary>Models trained or evaluated on this data are likely wrong or unsafe until it is fixed.</summary>
    Error,
}
