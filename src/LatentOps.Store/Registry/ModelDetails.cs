namespace LatentOps.Store.Registry;

/// <summary>A registered model with all its versions.</summary>
/// <param name="Model">The model.</param>
/// <param name="Versions">Its versions, newest first.</param>
public sealed record ModelDetails(RegisteredModel Model, IReadOnlyList<ModelVersion> Versions);
