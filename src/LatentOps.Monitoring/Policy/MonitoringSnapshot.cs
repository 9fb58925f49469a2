namespace LatentOps.Monitoring.Policy;

/// <summary>
/// What the decision engine knows at one moment: the monitoring results (any may be missing) and the
/// model's history. Built by the caller (the CLI's <c>monitor run</c>) from drift, CBPE and feedback.
/// </summary>
/// <param name="Now">The time of the decision.</param>
/// <param name="ChampionVersion">The version serving now.</param>
/// <param name="ChampionTrainedAt">When it was trained.</param>
/// <param name="ChampionReferenceAccuracy">Its accuracy on held-out data (its latest evaluation run, else the test part of its training split), the baseline of the accuracy-drop rules.</param>
/// <param name="NewRows">Rows available for retraining since the champion's training data.</param>
/// <param name="DatasetDrift">Dataset drift verdict, or null when not computed.</param>
/// <param name="DriftedShare">Share of drifted columns, for the reason text.</param>
/// <param name="EmbeddingDriftPValue">MMD p-value, or null.</param>
/// <param name="EstimatedAccuracy">CBPE estimate on the current window, or null.</param>
/// <param name="RealisedAccuracy">Accuracy from feedback on the current window, or null.</param>
/// <param name="RealisedLabelledRows">Labelled rows behind <paramref name="RealisedAccuracy"/>.</param>
/// <param name="PreviousVersion">The version before the last promotion, or null.</param>
/// <param name="PreviousVersionRealisedAccuracy">Its realised accuracy while it served, or null.</param>
/// <param name="ChampionReferenceSource">Where <paramref name="ChampionReferenceAccuracy"/> was measured (for the reason text), or null.</param>
public sealed record MonitoringSnapshot(
    DateTimeOffset Now,
    int ChampionVersion,
    DateTimeOffset ChampionTrainedAt,
    double? ChampionReferenceAccuracy,
    int NewRows,
    bool? DatasetDrift = null,
    double? DriftedShare = null,
    double? EmbeddingDriftPValue = null,
    double? EstimatedAccuracy = null,
    double? RealisedAccuracy = null,
    int RealisedLabelledRows = 0,
    int? PreviousVersion = null,
    double? PreviousVersionRealisedAccuracy = null,
    string? ChampionReferenceSource = null);
