namespace LatentOps.Monitoring.Policy;

/// <summary>A retrained, registered model, and how it and the champion score on the same held-out rows.</summary>
/// <param name="Version">The registered candidate version.</param>
/// <param name="TrainingData">The dataset version the candidate was trained on (<c>NAME:VERSION</c>).</param>
/// <param name="TrainingRows">Its rows.</param>
/// <param name="TrainingDataChoice">The policy's <c>trainingData</c>: <c>combined</c> or <c>current</c>.</param>
/// <param name="HoldoutData">The held-out dataset version both models were evaluated on.</param>
/// <param name="HoldoutRows">Its rows.</param>
/// <param name="CandidateMetrics">Every metric of the candidate's evaluation on the held-out rows (the names <c>latentops evaluate model</c> records).</param>
/// <param name="ChampionMetrics">The same for the champion, on the same rows.</param>
public sealed record CandidateModel(
    int Version,
    string TrainingData,
    int TrainingRows,
    string TrainingDataChoice,
    string HoldoutData,
    int HoldoutRows,
    IReadOnlyDictionary<string, double> CandidateMetrics,
    IReadOnlyDictionary<string, double> ChampionMetrics)
{
    /// <summary>The candidate's value of <paramref name="metric"/>, NaN when it was not computed.</summary>
    public double CandidateScore(string metric) => CandidateMetrics.TryGetValue(metric, out var v) ? v : double.NaN;

    /// <summary>The champion's value of <paramref name="metric"/>, NaN when it was not computed.</summary>
    public double ChampionScore(string metric) => ChampionMetrics.TryGetValue(metric, out var v) ? v : double.NaN;
}
