namespace LatentOps.Monitoring.Policy;

/// <summary>Trains a candidate with the champion's training configuration (implemented by the CLI over Learning).</summary>
public interface IRetrainer
{
    /// <summary>
    /// Holds out part of the new data, trains and registers a candidate on the rest (plus the champion's
    /// training data when the policy's <c>trainingData</c> is <c>combined</c>), and evaluates the candidate
    /// and the champion on the held-out rows with the same metrics.
    /// </summary>
    /// <param name="policy">The policy (model name, data, training-data choice).</param>
    /// <param name="excludedRows">New-data rows screening excluded.</param>
    /// <param name="cancellationToken">Stops training at the next step.</param>
    Task<CandidateModel> RetrainAsync(RetrainingPolicy policy, IReadOnlyCollection<int> excludedRows, CancellationToken cancellationToken);
}
