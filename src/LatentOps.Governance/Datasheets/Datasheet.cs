using LatentOps.Data.Profiling;
using LatentOps.Governance.Sections;
using LatentOps.Store.Datasets;

namespace LatentOps.Governance.Datasheets;

/// <summary>
/// A datasheet for one dataset version (Gebru et al., "Datasheets for Datasets"): motivation,
/// composition, collection process, preprocessing/cleaning/labeling, uses, distribution and
/// maintenance, each filled from the catalog's provenance, the profile, the data checks and the runs
/// that used it, plus the answers people wrote. Build with <see cref="DatasheetBuilder"/>, render with
/// <see cref="DatasheetRenderer"/>.
/// </summary>
/// <param name="Reference">The version described, <c>NAME:VERSION</c>.</param>
/// <param name="Version">The catalog's record of it (schema, roles, provenance, parents).</param>
/// <param name="Versions">Every version of the dataset, newest first.</param>
/// <param name="Lineage">Versions it was derived from and versions derived from it.</param>
/// <param name="Profile">Per-column statistics.</param>
/// <param name="Checks">Data-check findings (leakage against its split sibling when it has one, integrity, imbalance, personal data).</param>
/// <param name="Uses">Runs that used any version of the dataset, newest first, with the models registered from them.</param>
/// <param name="Sections">The seven datasheet sections.</param>
/// <param name="Written">The written answers' file.</param>
/// <param name="GeneratedAt">When it was assembled (UTC).</param>
public sealed record Datasheet(
    string Reference,
    DatasetVersion Version,
    IReadOnlyList<DatasetVersion> Versions,
    DatasetLineage Lineage,
    TableProfile Profile,
    DataCheckSummary Checks,
    IReadOnlyList<DatasetUse> Uses,
    IReadOnlyList<DatasheetSection> Sections,
    WrittenDocument Written,
    DateTimeOffset GeneratedAt);
