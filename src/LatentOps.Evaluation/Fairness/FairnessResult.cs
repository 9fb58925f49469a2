namespace LatentOps.Evaluation.Fairness;

/// <summary>
/// Group fairness gaps for a protected attribute (definitions as Fairlearn's): each difference is the
/// largest minus the smallest group rate, so 0 is parity.
/// </summary>
/// <param name="Column">The protected column.</param>
/// <param name="Threshold">Probability above which a row counts as predicted positive.</param>
/// <param name="MinimumGroupRows">Groups with fewer rows are listed but left out of the gaps.</param>
/// <param name="Groups">Rates per group.</param>
/// <param name="DemographicParityDifference">max - min selection rate.</param>
/// <param name="EqualOpportunityDifference">max - min true-positive rate (groups with positives).</param>
/// <param name="EqualizedOddsDifference">The larger of the true- and false-positive-rate gaps.</param>
public sealed record FairnessResult(
    string Column,
    double Threshold,
    int MinimumGroupRows,
    IReadOnlyList<GroupRates> Groups,
    double DemographicParityDifference,
    double EqualOpportunityDifference,
    double EqualizedOddsDifference);
