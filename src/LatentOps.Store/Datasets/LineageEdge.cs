using LatentOps.Core.References;

namespace LatentOps.Store.Datasets;

/// <summary>One derivation step: <paramref name="Parent"/> was turned into <paramref name="Child"/> by <paramref name="Transform"/>.</summary>
/// <param name="Parent">The parent version.</param>
/// <param name="Child">The derived version.</param>
/// <param name="Transform">How, when recorded.</param>
public sealed record LineageEdge(DatasetRef Parent, DatasetRef Child, DatasetTransform? Transform);
