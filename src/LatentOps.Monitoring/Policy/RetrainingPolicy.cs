namespace LatentOps.Monitoring.Policy;

/// <summary>
/// A retraining policy, read from YAML or JSON by <see cref="PolicyLoader"/>: which model, the rules that
/// trigger retraining, what screening excludes, when a candidate is promoted and when to roll back.
/// Every rule is optional; an absent rule never fires.
/// </summary>
public sealed class RetrainingPolicy
{
    /// <summary>The registered model the policy watches (e.g. <c>churn</c>).</summary>
    public string Model { get; set; } = "";

    /// <summary>The alias serving traffic.</summary>
    /// <value>The default is <c>champion</c>.</value>
    public string Alias { get; set; } = "champion";

    /// <summary>The triggers.</summary>
    public PolicyRules Rules { get; set; } = new();

    /// <summary>What to drop from the new training data.</summary>
    public ScreeningPolicy Screening { get; set; } = new();

    /// <summary>The promotion gate.</summary>
    public PromotionPolicy Promotion { get; set; } = new();

    /// <summary>When to roll back a promotion.</summary>
    public RollbackPolicy Rollback { get; set; } = new();
}
