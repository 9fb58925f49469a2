using System.CommandLine;
using LatentOps.Cli.Infrastructure;
using LatentOps.Store.Datasets;

namespace LatentOps.Cli.Commands.Data;

/// <summary><c>latentops data show N[:V]</c>: schema, provenance and lineage of a version.</summary>
internal static class ShowCommand
{
    public static Command Create(CommandFactory factory)
    {
        var dataset = DataCommandSupport.DatasetArgument();
        var command = new Command("show", "Show a dataset version: schema with roles, provenance (source file, hash, options, user, time or transform), lineage and the other versions.") { dataset };
        factory.SetAction(command, async context =>
        {
            var catalog = DataCommandSupport.Catalog(context);
            var version = await catalog.GetVersionAsync(DataCommandSupport.Parse(context.Value(dataset)!), context.CancellationToken).ConfigureAwait(false);
            var lineage = await catalog.GetLineageAsync(version.Ref, context.CancellationToken).ConfigureAwait(false);
            var versions = await catalog.ListVersionsAsync(version.Name, context.CancellationToken).ConfigureAwait(false);
            var result = new ShowResult(version.Ref.ToString(), version, DataCommandSupport.Schema(version.Schema, version.Roles), lineage,
                [.. versions.Select(v => new VersionLine(v.Version, v.RowCount, v.ContentHash, v.CreatedAt, v.Provenance.Transform?.Kind ?? "ingest"))]);
            context.WriteResult(result, output =>
            {
                output.WriteLine($"{result.Dataset}: {DataCommandSupport.N(version.RowCount)} rows x {version.Schema.Count} columns");
                output.WriteLine($"content sha256: {version.ContentHash}");
                output.WriteLine($"parquet: {version.ArtifactHash} ({DataCommandSupport.N(version.ArtifactSize)} bytes)");
                output.WriteLine($"created: {version.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC by {version.CreatedBy}");
                if (version.Provenance.Source is { } source)
                {
                    output.WriteLine($"source: {source.Path} ({source.Format}, {DataCommandSupport.N(source.Size)} bytes, sha256 {source.Sha256})");
                }

                if (version.Provenance.Options is { Count: > 0 } options)
                {
                    output.WriteLine($"options: {string.Join(", ", options.Select(o => $"{o.Key}={o.Value}"))}");
                }

                if (version.Provenance.Transform is { } transform)
                {
                    output.WriteLine($"transform: {transform.Kind} ({string.Join(", ", transform.Parameters.Select(p => $"{p.Key}={p.Value}"))})");
                }

                output.WriteLine("schema:");
                DataCommandSupport.WriteSchema(output, result.Schema);
                foreach (var edge in lineage.Ancestors)
                {
                    output.WriteLine($"derived from: {edge.Parent} -> {edge.Child} by {edge.Transform?.Kind ?? "?"}");
                }

                foreach (var edge in lineage.Descendants)
                {
                    output.WriteLine($"derived into: {edge.Parent} -> {edge.Child} by {edge.Transform?.Kind ?? "?"}");
                }

                output.WriteLine($"versions: {string.Join(", ", result.Versions.Select(v => $"{v.Version} ({v.Origin}, {DataCommandSupport.N(v.Rows)} rows)"))}");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The result of <c>data show</c>.</summary>
    internal sealed record ShowResult(string Dataset, DatasetVersion Version, IReadOnlyList<SchemaColumn> Schema, DatasetLineage Lineage, IReadOnlyList<VersionLine> Versions);

    /// <summary>One version in the list of versions.</summary>
    internal sealed record VersionLine(int Version, int Rows, string ContentHash, DateTimeOffset CreatedAt, string Origin);
}
