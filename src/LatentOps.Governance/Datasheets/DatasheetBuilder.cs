using System.Globalization;
using LatentOps.Core.References;
using LatentOps.Core.Tables;
using LatentOps.Data.Checks;
using LatentOps.Data.Profiling;
using LatentOps.Governance.Sections;
using LatentOps.Store.Datasets;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;
using static LatentOps.Governance.Sections.GovernanceText;

namespace LatentOps.Governance.Datasheets;

/// <summary>
/// Assembles a <see cref="Datasheet"/> for a dataset version from the catalog (provenance, versions,
/// lineage), a profile of its content, the data checks, the runs that used it and the models
/// registered from them, plus the written answers (<see cref="WrittenSections"/>,
/// <c>governance/datasheets/&lt;name&gt;.md</c>, shared by every version of the dataset).
/// </summary>
public static class DatasheetBuilder
{
    /// <summary>The path of a dataset's written answers: <c>&lt;workspace&gt;/governance/datasheets/&lt;name&gt;.md</c>.</summary>
    public static string WrittenSectionsPath(Workspace workspace, string datasetName)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return WrittenSections.PathFor(workspace.Root, WrittenSections.DatasheetsKind, datasetName);
    }

    /// <summary>Builds the datasheet of <paramref name="reference"/> (<c>NAME</c> is the latest version).</summary>
    /// <exception cref="Core.Errors.LatentOpsException"><c>NotFound</c> when the dataset or version does not exist; <c>InvalidInput</c> when the written-answers file is malformed.</exception>
    public static async Task<Datasheet> BuildAsync(Workspace workspace, DatasetRef reference, DatasheetOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(reference);
        options ??= new DatasheetOptions();
        var catalog = new DatasetCatalog(workspace);
        var version = await catalog.GetVersionAsync(reference, cancellationToken).ConfigureAwait(false);
        var versions = (await catalog.ListVersionsAsync(version.Name, cancellationToken).ConfigureAwait(false)).OrderByDescending(v => v.Version).ToList();
        var lineage = await catalog.GetLineageAsync(version.Ref, cancellationToken).ConfigureAwait(false);
        var table = await catalog.LoadTableAsync(version, cancellationToken).ConfigureAwait(false);
        var profile = await Task.Run(() => TableProfiler.Profile(table, new ProfileOptions { MaxDegreeOfParallelism = 1 }, cancellationToken), cancellationToken).ConfigureAwait(false);
        var checks = await DataCheckRunner.RunAsync(catalog, version, table, cancellationToken).ConfigureAwait(false);
        var uses = await ReadUsesAsync(workspace, version.Name, cancellationToken).ConfigureAwait(false);

        var path = WrittenSectionsPath(workspace, version.Name);
        var written = options.EnsureWrittenSectionsFile
            ? await WrittenSections.EnsureAsync(path, $"Datasheet of {version.Name}: written answers", DatasheetQuestions.Templates, cancellationToken).ConfigureAwait(false)
            : WrittenSections.Read(path, DatasheetQuestions.Templates);

        var facts = new Dictionary<string, List<DatasheetFact>>(StringComparer.Ordinal)
        {
            [DatasheetQuestions.Motivation] = Motivation(version, versions),
            [DatasheetQuestions.Composition] = Composition(version, profile, checks),
            [DatasheetQuestions.Collection] = Collection(version, versions),
            [DatasheetQuestions.Preprocessing] = Preprocessing(version, lineage, checks),
            [DatasheetQuestions.Uses] = Uses(version, uses),
            [DatasheetQuestions.Distribution] = Distribution(version),
            [DatasheetQuestions.Maintenance] = Maintenance(versions, lineage),
        };
        var sections = DatasheetQuestions.Templates
            .Select(t => new DatasheetSection(t.Key, t.Title, facts[t.Key], written.Get(t.Key) ?? new WrittenSection(t.Key, t.Title, t.Guidance, string.Empty)))
            .ToList();
        return new Datasheet(version.Ref.ToString(), version, versions, lineage, profile, checks, uses, sections, written, DateTimeOffset.UtcNow);
    }

    private static async Task<IReadOnlyList<DatasetUse>> ReadUsesAsync(Workspace workspace, string name, CancellationToken cancellationToken)
    {
        var runs = await workspace.Tracking().SearchRunsAsync(new RunQuery { MaxResults = 100000 }, cancellationToken).ConfigureAwait(false);
        var using_ = runs.Where(r => r.Datasets.Any(d => d.Name == name)).ToList();
        if (using_.Count == 0)
        {
            return [];
        }

        var registry = workspace.Registry();
        var byRun = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var model in await registry.ListModelsAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var v in (await registry.GetModelAsync(model.Name, cancellationToken).ConfigureAwait(false)).Versions)
            {
                if (!byRun.TryGetValue(v.RunId, out var list))
                {
                    byRun[v.RunId] = list = [];
                }

                list.Add(v.Reference);
            }
        }

        return using_
            .SelectMany(r => r.Datasets.Where(d => d.Name == name).Select(d => new DatasetUse(r.Info.RunId, r.Info.Experiment, d.Role, d.Version, r.Info.StartTime, byRun.GetValueOrDefault(r.Info.RunId) ?? [])))
            .OrderByDescending(u => u.StartedAt)
            .ToList();
    }

    private static List<DatasheetFact> Motivation(DatasetVersion version, IReadOnlyList<DatasetVersion> versions)
    {
        var first = versions[^1];
        var facts = new List<DatasheetFact> { new("First recorded", $"version {first.Version} on {Date(first.CreatedAt)} by {first.CreatedBy}") };
        facts.Add(new("Label (what models learn to predict)", version.Roles.Label ?? "none given: the data is used unlabelled (e.g. to learn embeddings)"));
        return facts;
    }

    private static List<DatasheetFact> Composition(DatasetVersion version, TableProfile profile, DataCheckSummary checks)
    {
        var facts = new List<DatasheetFact>
        {
            new("Size", $"{N(profile.RowCount)} rows x {profile.ColumnCount} columns"),
            new("Column types", string.Join(", ", version.Schema.GroupBy(c => c.Type).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))),
        };
        if (version.Roles.Label is { } label && profile.Columns.FirstOrDefault(c => c.Name == label) is { } labelProfile)
        {
            facts.Add(new("Label values", labelProfile.TopValues is { Count: > 0 } top
                ? string.Join(", ", top.Select(v => $"{v.Value} {F(v.Share * 100)}%"))
                : labelProfile.Numeric is { } n ? $"numbers from {F(n.Min)} to {F(n.Max)}, mean {F(n.Mean)}" : $"{N(labelProfile.Distinct)} distinct values"));
        }

        if (version.Roles.Time is { } time && profile.Columns.FirstOrDefault(c => c.Name == time)?.Dates is { } dates)
        {
            facts.Add(new("Time span", $"{dates.Min:yyyy-MM-dd} to {dates.Max:yyyy-MM-dd} (column {time})"));
        }

        if (version.Roles.Id is { } id)
        {
            facts.Add(new("Identifier column", id));
        }

        var missing = profile.Columns.Where(c => c.Missing > 0).OrderByDescending(c => c.MissingShare).ToList();
        facts.Add(new("Missing values", missing.Count == 0
            ? "none"
            : $"{missing.Count} columns have gaps; most: {string.Join(", ", missing.Take(5).Select(c => $"{c.Name} {F(c.MissingShare * 100)}%"))}"));
        if (profile.DuplicateRowCount is { } duplicates)
        {
            facts.Add(new("Duplicate rows", N(duplicates)));
        }

        var pii = checks.Findings.Where(f => f.Category == FindingCategory.Pii).ToList();
        facts.Add(new("Personal data found", pii.Count == 0
            ? "none detected (e-mail addresses, phone numbers, payment cards, IBANs, IP addresses)"
            : string.Join("; ", pii.Select(f => f.Title))));
        return facts;
    }

    private static List<DatasheetFact> Collection(DatasetVersion version, IReadOnlyList<DatasetVersion> versions)
    {
        var facts = new List<DatasheetFact>();
        if (version.Provenance.Source is { } source)
        {
            facts.Add(new("Source file", $"{source.FileName} ({source.Format}, {N(source.Size)} bytes)"));
            facts.Add(new("Source sha256", source.Sha256));
            facts.Add(new("Ingested", $"{Date(version.CreatedAt)} by {version.CreatedBy}"));
            if (version.Provenance.Options is { Count: > 0 } options)
            {
                facts.Add(new("Ingest options", string.Join(", ", options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"))));
            }
        }
        else
        {
            facts.Add(new("Derived", DataCheckRunner.Describe(version)));
        }

        var sources = versions.Where(v => v.Provenance.Source is not null).Select(v => v.Provenance.Source!.FileName).Distinct(StringComparer.Ordinal).ToList();
        if (sources.Count > 0)
        {
            facts.Add(new("Files ingested over all versions", string.Join(", ", sources)));
        }

        return facts;
    }

    private static List<DatasheetFact> Preprocessing(DatasetVersion version, DatasetLineage lineage, DataCheckSummary checks)
    {
        var facts = new List<DatasheetFact>();
        facts.Add(new("Transforms recorded", lineage.Ancestors.Count == 0
            ? "none: this version is the file as ingested"
            : string.Join("; ", lineage.Ancestors.Select(e => $"{e.Parent} -> {e.Child}: {e.Transform?.Kind ?? "derived"}{Settings(e.Transform)}"))));
        facts.Add(new("Data checks", $"{checks.Errors} errors, {checks.Warnings} warnings, {checks.Infos} notes{(checks.ComparedWith is null ? string.Empty : $" (leakage compared with {checks.ComparedWith})")}"));
        foreach (var finding in checks.Findings.Where(f => f.Severity != FindingSeverity.Info).Take(8))
        {
            facts.Add(new(finding.Severity.ToString().ToLowerInvariant(), finding.Title));
        }

        if (version.Roles.Label is not null)
        {
            facts.Add(new("Labeling", $"the label column '{version.Roles.Label}' was named at ingest; how it was produced is for the written answer"));
        }

        return facts;
    }

    private static List<DatasheetFact> Uses(DatasetVersion version, IReadOnlyList<DatasetUse> uses)
    {
        if (uses.Count == 0)
        {
            return [new("Runs that used it", "none recorded yet")];
        }

        var models = uses.SelectMany(u => u.Models).Distinct(StringComparer.Ordinal).ToList();
        return
        [
            new("Runs that used it", $"{uses.Select(u => u.RunId).Distinct(StringComparer.Ordinal).Count()} ({string.Join(", ", uses.GroupBy(u => u.Role).Select(g => $"{g.Count()} as {g.Key}"))})"),
            new("Runs that used this version", uses.Count(u => u.DatasetVersion == version.Version).ToString(CultureInfo.InvariantCulture)),
            new("Models trained on it", models.Count == 0 ? "none registered" : string.Join(", ", models)),
        ];
    }

    private static List<DatasheetFact> Distribution(DatasetVersion version) =>
    [
        new("Stored as", $"Parquet in the workspace's artifact store, sha256 {Short(version.ArtifactHash)} ({N(version.ArtifactSize)} bytes)"),
        new("Content sha256", version.ContentHash),
        new("Access", "whoever can read the workspace folder or the LatentOps server with a read key"),
    ];

    private static List<DatasheetFact> Maintenance(IReadOnlyList<DatasetVersion> versions, DatasetLineage lineage)
    {
        var facts = new List<DatasheetFact>
        {
            new("Versions", $"{versions.Count} (latest {versions[0].Version}, {Date(versions[0].CreatedAt)} by {versions[0].CreatedBy}); every version is immutable and kept"),
            new("Recorded by", string.Join(", ", versions.Select(v => v.CreatedBy).Distinct(StringComparer.Ordinal))),
        };
        if (lineage.Descendants.Count > 0)
        {
            facts.Add(new("Derived from this version", string.Join(", ", lineage.Descendants.Select(e => $"{e.Child} ({e.Transform?.Kind ?? "derived"})"))));
        }

        return facts;
    }

    private static string Settings(DatasetTransform? transform) =>
        transform is null || transform.Parameters.Count == 0 ? string.Empty
            : " (" + string.Join(", ", transform.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) + ")";
}
