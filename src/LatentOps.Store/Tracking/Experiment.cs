namespace LatentOps.Store.Tracking;

/// <summary>A named group of runs.</summary>
/// <param name="Id">Store-assigned id.</param>
/// <param name="Name">The experiment name.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
public sealed record Experiment(long Id, string Name, DateTimeOffset CreatedAt);
