namespace LatentOps.Governance.Cards;

/// <summary>What monitoring recorded for a version.</summary>
/// <param name="LatestRunId">The latest run in experiment <c>monitoring</c> tagged with this version, or null.</param>
/// <param name="CheckedAt">When it ran.</param>
/// <param name="DriftShare">Share of drifted features (<c>drift.share</c>), when recorded.</param>
/// <param name="EmbeddingDriftScore">Embedding drift score (<c>drift.embedding_score</c>), when recorded.</param>
/// <param name="Estimated">Label-free performance estimates (<c>estimated.&lt;metric&gt;</c>), by metric.</param>
/// <param name="MonitoringRuns">How many monitoring runs exist for this version.</param>
/// <param name="Decisions">Recent retraining-loop decisions (<c>monitor.decision</c> audit events) about this model, newest first.</param>
/// <param name="AliasMoves">The model's alias moves (promotions, rollbacks), newest first.</param>
public sealed record ModelCardMonitoring(
    string? LatestRunId,
    DateTimeOffset? CheckedAt,
    double? DriftShare,
    double? EmbeddingDriftScore,
    IReadOnlyDictionary<string, double> Estimated,
    int MonitoringRuns,
    IReadOnlyList<MonitoringDecision> Decisions,
    IReadOnlyList<CardAliasMove> AliasMoves);
