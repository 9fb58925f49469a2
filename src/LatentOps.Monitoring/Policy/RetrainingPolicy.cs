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

    /// <summary>
    /// The new training data: a catalogued dataset, <c>NAME</c> (latest version at each run) or <c>NAME:VERSION</c>.
    /// Retraining holds 20% of it out to compare the candidate with the champion and trains on the rest
    /// (with the champion's training data under <see cref="TrainingData"/> <c>combined</c>) with the champion's settings. Without it the policy can still roll back, but not retrain.
    /// </summary>
    public string? Data { get; set; }

    /// <summary>
    /// What a candidate is trained on: <c>combined</c> (the champion's training data plus the screened
    /// new data, so the candidate keeps what the champion learnt) or <c>current</c> (the screened new data
    /// only, when the old data no longer describes the world). Either way the held-out rows the candidate
    /// and the champion are compared on come from the new data and are never trained on.
    /// </summary>
    /// <value>The default is <c>combined</c>.</value>
    public string TrainingData { get; set; } = "combined";

    /// <summary>The request-log window monitored: a duration (<c>1d</c>, <c>12h</c>) or a number of most recent requests (<c>500</c>).</summary>
    /// <value>The default is <c>1d</c>.</value>
    public string Window { get; set; } = "1d";

    /// <summary>Where the policy was read from (set by <see cref="PolicyLoader"/>; not a key in the file).</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Source { get; set; }

    /// <summary>The triggers.</summary>
    public PolicyRules Rules { get; set; } = new();

    /// <summary>What to drop from the new training data.</summary>
    public ScreeningPolicy Screening { get; set; } = new();

    /// <summary>The promotion gate.</summary>
    public PromotionPolicy Promotion { get; set; } = new();

    /// <summary>When to roll back a promotion.</summary>
    public RollbackPolicy Rollback { get; set; } = new();
}
