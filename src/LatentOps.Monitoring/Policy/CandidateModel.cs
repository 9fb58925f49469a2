namespace LatentOps.Monitoring.Policy;

/// <summary>A retrained model and how it and the champion score on the same held-out set.</summary>
/// <param name="Version">The registered candidate version.</param>
/// <param name="CandidateScore">The candidate's held-out score (higher is better).</param>
/// <param name="ChampionScore">The champion's score on the same held-out set.</param>
/// <param name="Metric">The metric's name.</param>
public sealed record CandidateModel(int Version, double CandidateScore, double ChampionScore, string Metric);
