using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Infrastructure;
using LatentOps.Data.Diffing;

namespace LatentOps.Cli.Commands.Data;

/// <summary><c>latentops data diff A B</c>: schema changes and a row-level summary between two versions.</summary>
internal static class DiffCommand
{
    public static Command Create(CommandFactory factory)
    {
        var a = new Argument<string>("A") { Description = "The first version: NAME or NAME:VERSION." };
        var b = new Argument<string>("B") { Description = "The second version: NAME or NAME:VERSION." };
        var command = new Command("diff", "Compare two dataset versions: columns added, removed or retyped; rows only in one, or in both; missing values and means per column.") { a, b };
        factory.SetAction(command, async context =>
        {
            var catalog = DataCommandSupport.Catalog(context);
            var versionA = await catalog.GetVersionAsync(DataCommandSupport.Parse(context.Value(a)!), context.CancellationToken).ConfigureAwait(false);
            var versionB = await catalog.GetVersionAsync(DataCommandSupport.Parse(context.Value(b)!), context.CancellationToken).ConfigureAwait(false);
            var diff = await context.WithProgressAsync("diff", async _ =>
            {
                var tableA = await catalog.LoadTableAsync(versionA, context.CancellationToken).ConfigureAwait(false);
                var tableB = await catalog.LoadTableAsync(versionB, context.CancellationToken).ConfigureAwait(false);
                return TableDiffer.Compare(tableA, tableB);
            }).ConfigureAwait(false);
            var result = new DiffResult(versionA.Ref.ToString(), versionB.Ref.ToString(), versionA.ContentHash == versionB.ContentHash, diff);
            context.WriteResult(result, output =>
            {
                output.WriteLine($"{result.A} -> {result.B}: {(result.SameContent ? "identical content" : "different content")}");
                output.WriteLine($"rows: {DataCommandSupport.N(diff.RowsA)} -> {DataCommandSupport.N(diff.RowsB)}; in both {DataCommandSupport.N(diff.RowsInBoth)}, only in A {DataCommandSupport.N(diff.RowsOnlyInA)}, only in B {DataCommandSupport.N(diff.RowsOnlyInB)}");
                output.WriteLine($"columns added: {(diff.AddedColumns.Count == 0 ? "none" : string.Join(", ", diff.AddedColumns))}");
                output.WriteLine($"columns removed: {(diff.RemovedColumns.Count == 0 ? "none" : string.Join(", ", diff.RemovedColumns))}");
                foreach (var change in diff.TypeChanges)
                {
                    output.WriteLine($"type changed: {change.Column} {change.TypeA.ToString().ToLowerInvariant()} -> {change.TypeB.ToString().ToLowerInvariant()}");
                }

                foreach (var column in diff.Columns.Where(c => c.MissingA != c.MissingB || c.MeanA != c.MeanB))
                {
                    var mean = column.MeanA is { } ma && column.MeanB is { } mb ? string.Create(CultureInfo.InvariantCulture, $", mean {ma:G6} -> {mb:G6}") : string.Empty;
                    output.WriteLine($"  {column.Column}: missing {column.MissingA} -> {column.MissingB}{mean}");
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The result of <c>data diff</c>.</summary>
    internal sealed record DiffResult(string A, string B, bool SameContent, TableDiff Diff);
}
