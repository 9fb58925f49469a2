using LatentOps.Governance.Nist;
using LatentOps.Governance.Sections;

namespace LatentOps.Governance.Cards;

/// <summary>
/// A model card (Mitchell et al. 2019) for one registered model version, assembled from what the
/// workspace recorded plus the sections people wrote. Build it with <see cref="ModelCardBuilder"/>,
/// render it with <see cref="ModelCardRenderer"/>.
/// </summary>
/// <param name="Reference">The version described, <c>NAME:VERSION</c>.</param>
/// <param name="RequestedAs">The reference as asked for (e.g. <c>churn@champion</c>).</param>
/// <param name="Details">Name, version, aliases, dates, stage and signature.</param>
/// <param name="Lineage">The training run behind the version (parameters, metrics, commit, parent run), when recorded.</param>
/// <param name="TrainingData">Dataset versions the training run used, with provenance and data-check findings.</param>
/// <param name="Evaluation">The latest evaluation of this version, or null when it was never evaluated.</param>
/// <param name="Monitoring">Drift and estimated performance from the latest monitoring run, and recent retraining decisions.</param>
/// <param name="Written">The written sections (intended use, out-of-scope uses, ...), from <see cref="WrittenDocument.Path"/>.</param>
/// <param name="Nist">What LatentOps recorded mapped to the NIST AI RMF functions, with what is missing.</param>
/// <param name="GeneratedAt">When the card was assembled (UTC).</param>
public sealed record ModelCard(
    string Reference,
    string RequestedAs,
    ModelCardDetails Details,
    ModelCardLineage? Lineage,
    IReadOnlyList<CardDataset> TrainingData,
    ModelCardEvaluation? Evaluation,
    ModelCardMonitoring Monitoring,
    WrittenDocument Written,
    NistRmfMap Nist,
    DateTimeOffset GeneratedAt);
