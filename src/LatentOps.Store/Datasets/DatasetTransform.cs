namespace LatentOps.Store.Datasets;

/// <summary>How a derived version was made from its parents.</summary>
/// <param name="Kind">What was done: <c>split</c>, <c>filter</c>, <c>redact</c>.</param>
/// <param name="Parameters">The settings used (e.g. by, fraction, seed, part), as text.</param>
public sealed record DatasetTransform(string Kind, IReadOnlyDictionary<string, string> Parameters);
