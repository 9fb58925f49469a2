using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Commands.Evaluate;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.Progress;
using LatentOps.Core.References;
using LatentOps.Core.Tables;
using LatentOps.Store.Datasets;
using LatentOps.Store.Features;
using LatentOps.Store.Stores;

namespace LatentOps.Cli.Commands.Embed;

/// <summary>
/// <c>latentops embed REF --data N[:V]</c>: computes the model's embeddings of a dataset version and
/// writes them to a Parquet file (<c>--out</c>) and/or the feature store (online table + offline
/// Parquet artifact) under a feature view (default: the model name) and the model version.
/// </summary>
internal static class EmbedCommand
{
    private const int Batch = 8192;

    public static Command Create(CommandFactory factory)
    {
        var reference = new Argument<string>("REF") { Description = "The registered model: NAME:VERSION or NAME@ALIAS." };
        var data = new Option<string>("--data") { Description = "The dataset version to embed: NAME or NAME:VERSION.", Required = true, HelpName = "N[:V]" };
        var output = new Option<string?>("--out") { Description = "Write the embeddings to this Parquet file (columns entity_id, event_time, model, e0..e{d-1}). Without --feature-view, nothing goes to the feature store.", HelpName = "FILE.parquet" };
        var view = new Option<string?>("--feature-view") { Description = "Materialise into the feature store under this name (online table + offline Parquet artifact). Default when --out is not given: the model name.", HelpName = "NAME" };
        var id = new Option<string?>("--id") { Description = "Column with the entity id. Default: the dataset's id column, else the row number.", HelpName = "COL" };
        var time = new Option<string?>("--time") { Description = "Column with the event time (for point-in-time lookups). Default: the dataset's time column, else the time the dataset version was recorded.", HelpName = "COL" };
        var command = new Command("embed", "Compute a registered model's embeddings of a dataset version and write them to a Parquet file or materialise them into the feature store (for 'latentops similar' and point-in-time lookups).")
        {
            reference, data, output, view, id, time,
        };
        factory.SetAction(command, async context =>
        {
            var outPath = context.Value(output) is { } o ? Path.GetFullPath(Path.Combine(context.Environment.CurrentDirectory, o)) : null;
            if (outPath is not null && !outPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            {
                throw LatentOpsException.InvalidInput($"--out '{context.Value(output)}' must end in .parquet.");
            }

            using var loaded = await RegisteredModelLoader.LoadAsync(context, context.Value(reference)!).ConfigureAwait(false);
            var viewName = context.Value(view) ?? (outPath is null ? loaded.Version.Name : null);
            if (viewName is not null && !Names.IsValid(viewName))
            {
                throw LatentOpsException.InvalidInput($"--feature-view '{viewName}' is not a valid name: use letters, digits, '.', '_' and '-', starting with a letter or digit.");
            }

            var catalog = new DatasetCatalog(context.Workspace);
            var version = await catalog.GetVersionAsync(RegisteredModelLoader.ParseDataset(context.Value(data)!, "--data"), context.CancellationToken).ConfigureAwait(false);
            var table = await catalog.LoadTableAsync(version, context.CancellationToken).ConfigureAwait(false);
            var ids = Ids(table, context.Value(id) ?? version.Roles.Id, context.Value(id) is not null, version.Ref);
            var times = Times(table, context.Value(time) ?? version.Roles.Time, context.Value(time) is not null, version);

            var rows = await context.WithProgressAsync($"embed {version.Ref}", progress => Task.Run(() =>
            {
                var result = new List<EmbeddingRow>(table.RowCount);
                for (var start = 0; start < table.RowCount; start += Batch)
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    var count = Math.Min(Batch, table.RowCount - start);
                    var embeddings = loaded.Model.Embed(table.Take([.. Enumerable.Range(start, count)]));
                    for (var r = 0; r < count; r++)
                    {
                        result.Add(new EmbeddingRow(ids[start + r], times[start + r], embeddings.Row(r).ToArray()));
                    }

                    progress.Report(new ProgressUpdate("embed", start + count, table.RowCount, "rows"));
                }

                return result;
            }, context.CancellationToken)).ConfigureAwait(false);

            var duplicate = rows.GroupBy(r => (r.EntityId, r.EventTime)).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw LatentOpsException.InvalidInput($"Entity '{duplicate.Key.EntityId}' appears {duplicate.Count()} times at {duplicate.Key.EventTime:O} in {version.Ref}: give an --id column whose values are unique (with --time, per event time).");
            }

            if (outPath is not null)
            {
                await EmbeddingParquet.WriteAsync(outPath, loaded.Version.Reference, rows, context.CancellationToken).ConfigureAwait(false);
            }

            FeatureSet? featureSet = null;
            if (viewName is not null)
            {
                featureSet = await context.Workspace.Features(StoreAccess.Actor(context)).MaterializeAsync(viewName, loaded.Version.Version, rows, context.CancellationToken).ConfigureAwait(false);
            }

            var outcome = new EmbedOutcome(loaded.Version.Reference, version.Ref.ToString(), rows.Count, loaded.Model.EmbeddingDimension, outPath, viewName, featureSet?.Id, featureSet?.ArtifactHash);
            context.WriteResult(outcome, writer =>
            {
                writer.WriteLine($"embedded {outcome.Rows:N0} rows of {outcome.Dataset} with {outcome.Model} ({outcome.Dimension} dimensions)");
                if (outcome.File is not null)
                {
                    writer.WriteLine($"file: {outcome.File}");
                }

                if (outcome.FeatureView is not null)
                {
                    writer.WriteLine($"feature store: view {outcome.FeatureView}, model version {loaded.Version.Version} (feature set {outcome.FeatureSet}); try: latentops similar {outcome.FeatureView} --id {rows[0].EntityId}");
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static string[] Ids(Table table, string? column, bool given, DatasetRef dataset)
    {
        if (column is null)
        {
            return [.. Enumerable.Range(0, table.RowCount).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        }

        if (!table.TryGetColumn(column, out var values))
        {
            throw LatentOpsException.InvalidInput($"{(given ? "--id" : "the dataset's id role")}: {dataset} has no column '{column}'. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
        }

        var ids = new string[table.RowCount];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = values.GetValue(i) switch
            {
                null => throw LatentOpsException.InvalidInput($"--id: row {i + 1} of {dataset} has no value in column '{column}'; every entity needs an id."),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                var v => Convert.ToString(v, CultureInfo.InvariantCulture)!,
            };
        }

        return ids;
    }

    private static DateTimeOffset[] Times(Table table, string? column, bool given, DatasetVersion version)
    {
        if (column is null)
        {
            return [.. Enumerable.Repeat(version.CreatedAt, table.RowCount)];
        }

        if (!table.TryGetColumn(column, out var values) || values is not DateTimeColumn dates)
        {
            throw LatentOpsException.InvalidInput($"{(given ? "--time" : "the dataset's time role")}: {version.Ref} has no date-time column '{column}'.");
        }

        var times = new DateTimeOffset[table.RowCount];
        for (var i = 0; i < times.Length; i++)
        {
            times[i] = dates[i] is { } t
                ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))
                : throw LatentOpsException.InvalidInput($"--time: row {i + 1} of {version.Ref} has no value in column '{column}'; every embedding needs an event time.");
        }

        return times;
    }
}

/// <summary>The result of <c>latentops embed</c>.</summary>
internal sealed record EmbedOutcome(string Model, string Dataset, int Rows, int Dimension, string? File, string? FeatureView, long? FeatureSet, string? ArtifactHash);
