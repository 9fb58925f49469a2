using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Data.Splitting;
using LatentOps.Store.Datasets;

namespace LatentOps.Cli.Commands.Data;

/// <summary><c>latentops data split N --by ...</c>: derived train/validation/test datasets with lineage.</summary>
internal static class SplitCommand
{
    public static Command Create(CommandFactory factory)
    {
        var dataset = DataCommandSupport.DatasetArgument("The dataset to split: NAME or NAME:VERSION.");
        var by = new Option<SplitMethod>("--by") { Description = "random; stratified (by the label or --column); time (test strictly later, by the time column or --column); group (no group in two parts; --column).", DefaultValueFactory = _ => SplitMethod.Random };
        var column = new Option<string?>("--column") { Description = "The class, time or group column. Default: the dataset's label (stratified) or time column (time).", HelpName = "COL" };
        var test = new Option<double>("--test") { Description = "Share of rows in the test part (above 0, below 1).", DefaultValueFactory = _ => 0.2, HelpName = "FRACTION" };
        var validation = new Option<double>("--validation") { Description = "Share of rows in a validation part (0 for none).", DefaultValueFactory = _ => 0.0, HelpName = "FRACTION" };
        var seed = new Option<int>("--seed") { Description = "Seed of the shuffle (same seed, same split).", DefaultValueFactory = _ => 42 };
        var prefix = new Option<string?>("--prefix") { Description = "Name prefix of the parts: PREFIX-train, PREFIX-validation, PREFIX-test. Default: the dataset name.", HelpName = "NAME" };
        var command = new Command("split", "Split a dataset version into train, optional validation and test datasets, each a derived version recording its parent and the split settings.")
        {
            dataset, by, column, test, validation, seed, prefix,
        };
        factory.SetAction(command, async context =>
        {
            var catalog = DataCommandSupport.Catalog(context);
            var version = await catalog.GetVersionAsync(DataCommandSupport.Parse(context.Value(dataset)!), context.CancellationToken).ConfigureAwait(false);
            var method = context.Value(by);
            var splitColumn = context.Value(column) ?? method switch
            {
                SplitMethod.Stratified => version.Roles.Label ?? throw LatentOpsException.InvalidInput($"A stratified split needs --column, or a dataset ingested with --label; {version.Ref} has no label."),
                SplitMethod.Time => version.Roles.Time ?? throw LatentOpsException.InvalidInput($"A time split needs --column, or a dataset ingested with --time; {version.Ref} has no time column."),
                _ => null,
            };
            var options = new SplitOptions { Method = method, Column = splitColumn, TestFraction = context.Value(test), ValidationFraction = context.Value(validation), Seed = context.Value(seed) };
            options.Validate();
            var baseName = context.Value(prefix) ?? version.Name;
            Names.Validate($"{baseName}-validation", "dataset");

            var parts = await context.WithProgressAsync("split", async progress =>
            {
                var table = await catalog.LoadTableAsync(version, context.CancellationToken).ConfigureAwait(false);
                var split = TableSplitter.Split(table, options);
                var splitId = string.Create(CultureInfo.InvariantCulture, $"{version.Ref}/{method.ToString().ToLowerInvariant()}/{splitColumn}/{options.TestFraction}/{options.ValidationFraction}/{options.Seed}");
                var results = new List<SplitPartResult>();
                foreach (var part in split.Parts)
                {
                    progress.Report(new Core.Progress.ProgressUpdate("store", results.Count, split.Parts.Count, part.Name));
                    var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["split"] = splitId,
                        ["part"] = part.Name,
                        ["by"] = method.ToString().ToLowerInvariant(),
                        ["test"] = options.TestFraction.ToString(CultureInfo.InvariantCulture),
                        ["validation"] = options.ValidationFraction.ToString(CultureInfo.InvariantCulture),
                        ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
                    };
                    if (splitColumn is not null)
                    {
                        parameters["column"] = splitColumn;
                    }

                    var added = await catalog.AddVersionAsync($"{baseName}-{part.Name}", part.Table, version.Roles,
                        DatasetProvenance.Derived(new DatasetTransform("split", parameters)), [version.Ref], context.CancellationToken).ConfigureAwait(false);
                    results.Add(new SplitPartResult(part.Name, added.Version.Ref.ToString(), part.Rows.Count, added.Created));
                }

                return results;
            }).ConfigureAwait(false);

            var result = new SplitCommandResult(version.Ref.ToString(), method.ToString().ToLowerInvariant(), splitColumn, options.TestFraction, options.ValidationFraction, options.Seed, parts);
            context.WriteResult(result, output =>
            {
                output.WriteLine($"Split {result.Dataset} ({result.Method}{(splitColumn is null ? string.Empty : $" by {splitColumn}")}, seed {result.Seed}):");
                foreach (var part in parts)
                {
                    output.WriteLine($"  {part.Part,-10} {part.Dataset,-30} {DataCommandSupport.N(part.Rows),10} rows{(part.Created ? string.Empty : " (already stored)")}");
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The result of <c>data split</c>.</summary>
    internal sealed record SplitCommandResult(string Dataset, string Method, string? Column, double Test, double Validation, int Seed, IReadOnlyList<SplitPartResult> Parts);

    /// <summary>One stored part.</summary>
    internal sealed record SplitPartResult(string Part, string Dataset, int Rows, bool Created);
}
