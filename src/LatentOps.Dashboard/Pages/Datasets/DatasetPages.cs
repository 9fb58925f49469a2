using LatentOps.Core.References;
using LatentOps.Dashboard.Facts;
using LatentOps.Dashboard.Layout;
using LatentOps.Data.Checks;
using LatentOps.Data.Profiling;
using LatentOps.Reports.Charts;
using LatentOps.Store.Datasets;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LatentOps.Dashboard.Pages.Datasets;

/// <summary><c>/datasets</c> (every dataset) and <c>/datasets/{name}</c> (versions, columns, checks, profile with charts, datasheet).</summary>
internal static class DatasetPages
{
    /// <summary>Columns charted on a dataset page; the table above the charts covers every column.</summary>
    public const int ChartedColumns = 12;

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/datasets", ListAsync);
        pages.MapGet("/datasets/{name}", ShowAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, Workspace workspace, CancellationToken cancellationToken)
    {
        var datasets = await new DatasetCatalog(workspace).ListAsync(cancellationToken).ConfigureAwait(false);
        var content = new PageContent();
        content.Explain("A dataset is a table of data LatentOps keeps, such as loans or sales. Every change is stored as a new numbered version, " +
            "so you can always see exactly which data a model learned from.");
        if (datasets.Count == 0)
        {
            content.Empty("No dataset yet. Add one with 'latentops data ingest FILE --name NAME' (or run 'latentops quickstart').");
        }
        else
        {
            content.TableHtml("Datasets, with their latest version", ["dataset", "latest version", "versions", "rows", "columns", "added"],
                datasets.Select(d => (IReadOnlyList<string>)
                [
                    PageContent.Link($"/datasets/{PageContent.Segment(d.Name)}", d.Name),
                    Format.Count(d.LatestVersion), Format.Count(d.VersionCount), Format.Count(d.RowCount), Format.Count(d.ColumnCount), Format.Time(d.UpdatedAt),
                ]));
        }

        return DashboardLayout.Page(http, "Datasets", content);
    }

    private static async Task<IResult> ShowAsync(string name, int? version, HttpContext http, Workspace workspace, CancellationToken cancellationToken)
    {
        var catalog = new DatasetCatalog(workspace);
        var versions = await catalog.ListVersionsAsync(name, cancellationToken).ConfigureAwait(false);
        var shown = await catalog.GetVersionAsync(new DatasetRef(name, version), cancellationToken).ConfigureAwait(false);
        var (profile, checks) = await DatasetAnalysis.GetAsync(catalog, shown, cancellationToken).ConfigureAwait(false);
        var content = new PageContent();

        content.Heading("Versions");
        content.TableHtml($"Versions of {name}", ["version", "rows", "columns", "added", "by", "came from"],
            versions.Reverse().Select(v => (IReadOnlyList<string>)
            [
                v.Version == shown.Version ? $"<strong>{v.Version} (shown)</strong>" : PageContent.Link($"/datasets/{PageContent.Segment(name)}?version={v.Version}", $"version {v.Version}"),
                Format.Count(v.RowCount), Format.Count(v.Schema.Count), Format.Time(v.CreatedAt), PageContent.Encode(v.CreatedBy), PageContent.Encode(Origin(v)),
            ]));

        content.Heading($"Version {shown.Version}");
        content.KeyValues(
        [
            new("Rows", Format.Count(shown.RowCount)),
            new("Columns", Format.Count(shown.Schema.Count)),
            new("Label (what models learn to predict)", shown.Roles.Label ?? "none"),
            new("Time column", shown.Roles.Time ?? "none"),
            new("Id column", shown.Roles.Id ?? "none"),
            new("Came from", Origin(shown)),
            new("Content fingerprint", shown.ContentHash[..16]),
        ]);

        content.Heading("Datasheet");
        content.Explain("A datasheet documents a dataset for the people who use it: why it was collected, what it contains, how it was cleaned and what it should not be used for.");
        content.Paragraph($"The datasheet is not available in this build. With the governance commands it is made by 'latentops datasheet {shown.Ref}'.");

        AddChecks(content, checks);
        AddProfile(content, profile, shown);
        return DashboardLayout.Page(http, $"Dataset {name}", content, $"Version {shown.Version} of {versions.Count}, added {Format.Time(shown.CreatedAt)} by {shown.CreatedBy}.");
    }

    private static void AddChecks(PageContent content, DataCheckReport checks)
    {
        content.Heading("Checks");
        content.Explain("LatentOps checks every dataset for common problems: missing values, duplicates, personal data, a label that gives away the answer (leakage) and classes that are too rare to learn. " +
            "Errors should be fixed before training; warnings are worth a look.");
        content.KeyValues([new("Errors", Format.Count(checks.Errors)), new("Warnings", Format.Count(checks.Warnings)), new("Notes", Format.Count(checks.Infos))]);
        if (checks.Findings.Count == 0)
        {
            content.Finding("ok", "No problem found", "Every check passed.");
        }

        foreach (var finding in checks.Findings.OrderByDescending(f => f.Severity))
        {
            var word = finding.Severity switch
            {
                FindingSeverity.Error => "error",
                FindingSeverity.Warning => "warning",
                _ => "info",
            };
            content.Finding(word, finding.Column is null ? finding.Title : $"{finding.Title} ({finding.Column})", finding.Explanation);
        }
    }

    private static void AddProfile(PageContent content, TableProfile profile, DatasetVersion version)
    {
        content.Heading("Columns");
        content.Explain("One row per column: its type, how many values are present or missing, how many different values it has, and its range. The charts below show how the values are spread.");
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (version.Roles.Label is { } label)
        {
            roles[label] = "label";
        }

        if (version.Roles.Time is { } time)
        {
            roles[time] = "time";
        }

        if (version.Roles.Id is { } id)
        {
            roles[id] = "id";
        }

        content.Table($"Every column of {version.Ref}", ["column", "type", "role", "present", "missing", "distinct", "min", "mean", "max", "most frequent"],
            profile.Columns.Select(c => (IReadOnlyList<string>)
            [
                c.Name, c.Type.ToString().ToLowerInvariant(), roles.GetValueOrDefault(c.Name, string.Empty), Format.Count(c.Count), Format.Percent(c.MissingShare), Format.Count(c.Distinct),
                c.Numeric is { } n ? Format.Number(n.Min) : string.Empty,
                c.Numeric is { } m ? Format.Number(m.Mean) : string.Empty,
                c.Numeric is { } x ? Format.Number(x.Max) : string.Empty,
                c.TopValues is { Count: > 0 } t ? $"{Clip(t[0].Value, 30)} ({Format.Percent(t[0].Share)})" : string.Empty,
            ]));

        content.Heading("How values are spread", 3);
        var charted = profile.Columns.Take(ChartedColumns).ToList();
        content.Raw("<div class=\"charts\">");
        foreach (var column in charted)
        {
            if (column.Histogram is { } histogram && (column.TopValues is null || column.Distinct > 12))
            {
                content.Chart(Chart.Histogram($"{column.Name}", histogram.Edges, [.. histogram.Counts.Select(c => (double)c)], histogram.Of),
                    $"How the values of {column.Name} are spread: a histogram of {histogram.Of} in {histogram.Counts.Count} equal ranges, from {Format.Number(histogram.Edges[0])} to {Format.Number(histogram.Edges[^1])}.");
            }
            else if (column.TopValues is { Count: > 0 } top)
            {
                content.Chart(Chart.Bars($"{column.Name}: most frequent values", [.. top.Select(t => Clip(t.Value, 14))], [.. top.Select(t => (double)t.Count)], "rows"),
                    $"The most frequent values of {column.Name}: {string.Join(", ", top.Select(t => $"{Clip(t.Value, 30)} in {Format.Count(t.Count)} rows"))}.");
            }
        }

        content.Raw("</div>");
        if (profile.Columns.Count > ChartedColumns)
        {
            content.Paragraph($"Charts are drawn for the first {ChartedColumns} columns; the table above covers all {profile.Columns.Count}. 'latentops data profile {version.Ref}' writes a report with every chart.");
        }
    }

    private static string Origin(DatasetVersion version) =>
        version.Provenance.Source is { } source ? $"file {source.FileName}"
        : version.Provenance.Transform is { } transform ? $"{transform.Kind} of {string.Join(", ", version.Parents.Select(p => p.ToString()))}"
        : "unknown";

    private static string Clip(string value, int max)
    {
        var line = value.ReplaceLineEndings(" ");
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 1), "…");
    }
}
