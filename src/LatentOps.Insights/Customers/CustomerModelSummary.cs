namespace LatentOps.Insights.Customers;

/// <summary>How the customer embeddings were learned.</summary>
/// <param name="Method">The model and objective.</param>
/// <param name="Features">Customer features the encoder read.</param>
/// <param name="Epochs">Passes over the customers run.</param>
/// <param name="BestEpoch">The pass whose weights were kept (best validation loss).</param>
/// <param name="FinalTrainLoss">Training loss of the last pass (lower is better).</param>
/// <param name="BestValidationLoss">Reconstruction loss on held-out customers at the kept pass (lower is better).</param>
/// <param name="Seconds">Training time.</param>
public sealed record CustomerModelSummary(string Method, int Features, int Epochs, int BestEpoch, double FinalTrainLoss, double? BestValidationLoss, double Seconds);
