using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Commands.Evaluate;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Data.Parquet;
using LatentOps.Store.Features;
using LatentOps.Store.Stores;

namespace LatentOps.Cli.Commands.Embed;

/// <summary>
/// <c>latentops similar REF|VIEW --id ID [--k 10]</c>: the nearest neighbours of an entity among the
/// embeddings materialised by <c>latentops embed</c>. <c>--index exact</c> (default) is the feature
/// store's exact SIMD cosine over every entity's latest vector as of <c>--as-of</c>; <c>--index int8</c>
/// searches the latest materialisation's offline Parquet with int8-quantised vectors (a quarter of
/// the bytes; scores within about 1e-2 of exact).
/// </summary>
internal static class SimilarCommand
{
    public static Command Create(CommandFactory factory)
    {
        var target = new Argument<string>("REF|VIEW") { Description = "A registered model (NAME:VERSION or NAME@ALIAS; its embeddings under the feature view of its name) or a feature view name (its latest materialised model version)." };
        var id = new Option<string>("--id") { Description = "The entity whose neighbours to find (as written by 'latentops embed').", Required = true, HelpName = "ID" };
        var k = new Option<int>("--k") { Description = "How many neighbours (1 to 10000).", DefaultValueFactory = _ => 10, HelpName = "K" };
        var index = new Option<string>("--index") { Description = "exact: float32 SIMD cosine over the online table; int8: quantised cosine over the latest materialisation.", DefaultValueFactory = _ => "exact", HelpName = "exact|int8" };
        var asOf = new Option<string?>("--as-of") { Description = "Exact index: use each entity's latest vector at or before this UTC time (ISO-8601). Default: now.", HelpName = "TIME" };
        var command = new Command("similar", "Find the nearest neighbours (cosine) of an entity among a model's materialised embeddings in the feature store.")
        {
            target, id, k, index, asOf,
        };
        factory.SetAction(command, async context =>
        {
            var count = context.Value(k);
            if (count is < 1 or > 10_000)
            {
                throw LatentOpsException.InvalidInput($"--k {count} is out of range: use 1 to 10000 neighbours.");
            }

            var indexKind = context.Value(index)!.ToLowerInvariant();
            if (indexKind is not ("exact" or "int8"))
            {
                throw LatentOpsException.InvalidInput($"--index '{indexKind}' is unknown; allowed: exact, int8.");
            }

            DateTimeOffset? time = null;
            if (context.Value(asOf) is { } text)
            {
                time = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : throw LatentOpsException.InvalidInput($"--as-of '{text}' is not a time; use ISO-8601, e.g. 2024-05-01T12:00:00Z.");
                if (indexKind == "int8")
                {
                    throw LatentOpsException.InvalidInput("--as-of works with --index exact only; int8 searches the latest materialisation.");
                }
            }

            var (view, version) = await ResolveAsync(context, context.Value(target)!).ConfigureAwait(false);
            var entity = context.Value(id)!;
            var features = context.Workspace.Features(StoreAccess.Actor(context));
            IReadOnlyList<Neighbour> neighbours = indexKind == "exact"
                ? await features.SimilarAsync(view, version, entity, count, time, context.CancellationToken).ConfigureAwait(false)
                : await Int8Async(context, features, view, version, entity, count).ConfigureAwait(false);

            var outcome = new SimilarOutcome(view, version, entity, indexKind, count, [.. neighbours.Select((n, i) => new SimilarNeighbour(i + 1, n.EntityId, n.Similarity, n.EventTime))]);
            context.WriteResult(outcome, writer =>
            {
                writer.WriteLine($"nearest {outcome.Neighbours.Count} to '{entity}' in {view} (model version {version}, {indexKind} cosine):");
                foreach (var n in outcome.Neighbours)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {n.Rank,3}. {n.EntityId,-24} {n.Similarity:0.0000}"));
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A model reference gives its name and version; a plain name is a feature view at its latest materialised version.</summary>
    private static async Task<(string View, int Version)> ResolveAsync(CommandContext context, string text)
    {
        if (text.Contains('@', StringComparison.Ordinal) || text.Contains(':', StringComparison.Ordinal))
        {
            var version = await StoreAccess.Registry(context).ResolveAsync(RegisteredModelLoader.ParseRef(text, "REF|VIEW"), context.CancellationToken).ConfigureAwait(false);
            return (version.Name, version.Version);
        }

        if (!Core.References.Names.IsValid(text))
        {
            throw LatentOpsException.InvalidInput($"REF|VIEW '{text}' is neither a model reference (NAME:VERSION, NAME@ALIAS) nor a feature view name.");
        }

        var sets = await context.Workspace.Features().ListFeatureSetsAsync(text, context.CancellationToken).ConfigureAwait(false);
        return sets.Count > 0
            ? (text, sets[0].ModelVersion)
            : throw LatentOpsException.NotFound($"REF|VIEW: no embeddings are materialised under '{text}'. Materialise them first: latentops embed MODEL:VERSION --data DATASET --feature-view {text}.");
    }

    private static async Task<IReadOnlyList<Neighbour>> Int8Async(CommandContext context, IFeatureStore features, string view, int version, string entity, int k)
    {
        var set = (await features.ListFeatureSetsAsync(view, context.CancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.ModelVersion == version)
            ?? throw LatentOpsException.NotFound($"No embeddings of model version {version} are materialised under '{view}': run latentops embed first.");
        var table = await TableParquet.ReadAsync(context.Workspace.Artifacts.GetPath(set.ArtifactHash), cancellationToken: context.CancellationToken).ConfigureAwait(false);
        var ids = table["entity_id"];
        var times = table["event_time"];
        var vectors = Enumerable.Range(0, set.Dimension).Select(j => (NumericColumn)table[$"e{j.ToString(CultureInfo.InvariantCulture)}"]).ToArray();
        var matrix = new float[table.RowCount * set.Dimension];
        var query = -1;
        for (var r = 0; r < table.RowCount; r++)
        {
            for (var j = 0; j < set.Dimension; j++)
            {
                matrix[(r * set.Dimension) + j] = (float)vectors[j][r];
            }

            if (string.Equals(Convert.ToString(ids.GetValue(r), CultureInfo.InvariantCulture), entity, StringComparison.Ordinal))
            {
                query = r;
            }
        }

        if (query < 0)
        {
            throw LatentOpsException.NotFound($"--id: entity '{entity}' is not in the latest materialisation of {view} (model version {version}).");
        }

        var index = new QuantizedCosineIndex(matrix, table.RowCount, set.Dimension);
        return [.. index.Search(matrix.AsSpan(query * set.Dimension, set.Dimension), k, query).Select(h => new Neighbour(
            Convert.ToString(ids.GetValue(h.Index), CultureInfo.InvariantCulture)!, h.Similarity, times.GetValue(h.Index) is DateTime t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : set.CreatedAt))];
    }
}

/// <summary>The result of <c>latentops similar</c>.</summary>
internal sealed record SimilarOutcome(string FeatureView, int ModelVersion, string EntityId, string Index, int K, IReadOnlyList<SimilarNeighbour> Neighbours);

/// <summary>One neighbour, nearest first.</summary>
internal sealed record SimilarNeighbour(int Rank, string EntityId, double Similarity, DateTimeOffset EventTime);
