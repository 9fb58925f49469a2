namespace LatentOps.Evaluation.Fairness;

/// <summary>Decision rates of one group of a protected attribute.</summary>
/// <param name="Group">The group's value (or quantile bin).</param>
/// <param name="Rows">Rows in the group.</param>
/// <param name="Positives">Rows whose true label is positive.</param>
/// <param name="SelectionRate">Share predicted positive.</param>
/// <param name="TruePositiveRate">Share of true positives predicted positive (NaN without positives).</param>
/// <param name="FalsePositiveRate">Share of true negatives predicted positive (NaN without negatives).</param>
public sealed record GroupRates(string Group, int Rows, int Positives, double SelectionRate, double TruePositiveRate, double FalsePositiveRate);
