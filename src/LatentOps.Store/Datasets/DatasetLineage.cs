using LatentOps.Core.References;

namespace LatentOps.Store.Datasets;

/// <summary>Where a version sits in the derivation graph.</summary>
/// <param name="Version">The version asked about.</param>
/// <param name="Ancestors">Every version it was derived from, nearest first, each with the transform that made its child.</param>
/// <param name="Descendants">Every version derived from it, nearest first.</param>
public sealed record DatasetLineage(DatasetRef Version, IReadOnlyList<LineageEdge> Ancestors, IReadOnlyList<LineageEdge> Descendants);
