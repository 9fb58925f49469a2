using LatentOps.Data.Pii;

namespace LatentOps.Data.Checks;

/// <summary>The settings a check run used (so a report can be read without the command that made it).</summary>
/// <param name="LabelColumn">The label column, if any.</param>
/// <param name="TimeColumn">The time column, if any.</param>
/// <param name="IdColumn">The identifier column, if any.</param>
/// <param name="Reference">The reference dataset compared against, if any.</param>
/// <param name="Counterpart">The other side of a split compared against for leakage, if any.</param>
/// <param name="LeakageAucThreshold">Single-feature AUC reported as leakage.</param>
/// <param name="MinorityShareWarning">Minority share below which imbalance is a warning.</param>
/// <param name="MinorityShareError">Minority share below which imbalance is an error.</param>
/// <param name="CoverageError">Category coverage below which representativeness is an error.</param>
/// <param name="CoverageWarning">Category coverage below which representativeness is a warning.</param>
/// <param name="DistanceWarning">Distribution distance above which a column is a warning.</param>
/// <param name="DistanceError">Distribution distance above which a column is an error.</param>
/// <param name="PiiKinds">The kinds of personal data looked for.</param>
public sealed record DataCheckSettings(
    string? LabelColumn,
    string? TimeColumn,
    string? IdColumn,
    string? Reference,
    string? Counterpart,
    double LeakageAucThreshold,
    double MinorityShareWarning,
    double MinorityShareError,
    double CoverageError,
    double CoverageWarning,
    double DistanceWarning,
    double DistanceError,
    IReadOnlyList<PiiKind> PiiKinds);
