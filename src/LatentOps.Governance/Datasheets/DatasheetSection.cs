using LatentOps.Governance.Sections;

namespace LatentOps.Governance.Datasheets;

/// <summary>One section of a datasheet (Gebru et al. 2021): what LatentOps recorded, and what people wrote.</summary>
/// <param name="Key">motivation, composition, collection, preprocessing, uses, distribution or maintenance.</param>
/// <param name="Title">Its heading.</param>
/// <param name="Facts">Facts filled in from provenance, profile, checks and runs.</param>
/// <param name="Written">The written answer (from the datasheet's Markdown file).</param>
public sealed record DatasheetSection(string Key, string Title, IReadOnlyList<DatasheetFact> Facts, WrittenSection Written);
