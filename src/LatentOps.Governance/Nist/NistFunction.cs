namespace LatentOps.Governance.Nist;

/// <summary>The four functions of the NIST AI Risk Management Framework (AI RMF 1.0).</summary>
public enum NistFunction
{
    /// <summary>A culture of risk management: policies, accountability, inventory, records.</summary>
    Govern,

    /// <summary>Context is established and risks are identified: intended use, data, impacts.</summary>
    Map,

    /// <summary>Risks are assessed, analysed and tracked: metrics, fairness, robustness, drift.</summary>
    Measure,

    /// <summary>Risks are prioritised and acted on: monitoring, rollback, retraining, response.</summary>
    Manage,
}
