namespace LatentOps.Monitoring.Policy;

/// <summary>Trains a candidate on the new data with the champion's training configuration (implemented by the CLI over Learning).</summary>
public interface IRetrainer
{
    /// <summary>Trains and registers a candidate; returns its version and its held-out score.</summary>
    /// <param name="policy">The policy (model name, screening choices).</param>
    /// <param name="excludedRows">New-data rows screening excluded.</param>
    /// <param name="cancellationToken">Stops training at the next step.</param>
    Task<CandidateModel> RetrainAsync(RetrainingPolicy policy, IReadOnlyCollection<int> excludedRows, CancellationToken cancellationToken);
}
