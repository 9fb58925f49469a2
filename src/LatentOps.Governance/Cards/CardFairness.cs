namespace LatentOps.Governance.Cards;

/// <summary>Group fairness gaps for a protected column (0 is parity).</summary>
/// <param name="Column">The protected column.</param>
/// <param name="DemographicParityDifference">Largest minus smallest selection rate.</param>
/// <param name="EqualOpportunityDifference">Largest minus smallest true-positive rate.</param>
/// <param name="EqualizedOddsDifference">The larger of the true- and false-positive-rate gaps, when known.</param>
public sealed record CardFairness(string Column, double DemographicParityDifference, double EqualOpportunityDifference, double? EqualizedOddsDifference);
