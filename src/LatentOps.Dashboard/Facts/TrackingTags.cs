namespace LatentOps.Dashboard.Facts;

/// <summary>The tags and experiments where evaluation and monitoring record their facts (CONTRACTS.md: "Where facts are recorded").</summary>
internal static class TrackingTags
{
    public const string Kind = "latentops.kind";
    public const string Model = "latentops.model";
    public const string Dataset = "latentops.dataset";
    public const string MonitoringExperiment = "monitoring";
    public const string EvaluationExperiment = "evaluation";
    public const string DriftShare = "drift.share";
    public const string EmbeddingDrift = "drift.embedding_score";
    public const string EstimatedPrefix = "estimated.";
    public const string EvaluationArtifact = "evaluation.json";
    public const string DecisionAction = "monitor.decision";
}
