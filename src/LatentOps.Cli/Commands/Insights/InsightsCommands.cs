using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Infrastructure;
using LatentOps.Insights;
using LatentOps.Insights.Reporting;

namespace LatentOps.Cli.Commands.Insights;

/// <summary><c>latentops insights sales FILE</c>: customer segments, products bought by similar customers and unusual orders from a sales export.</summary>
internal static class InsightsCommands
{
    public static Command Create(CommandFactory factory)
    {
        var group = new Command("insights", "Plain-language insights for business data (no ML knowledge needed).");
        group.Add(Sales(factory));
        return group;
    }

    private static Command Sales(CommandFactory factory)
    {
        var path = new Argument<string>("FILE") { Description = "A sales export (CSV, Parquet or JSONL), one row per order line, with at least an order ID, a customer ID, a product ID and a sales amount (or unit price and quantity)." };
        var output = new Option<string?>("--out") { Description = "Where to write the HTML report. Default: reports/insights-<file>-<time>.html in the workspace folder.", HelpName = "PATH" };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice; the same file and seed give the same result.", DefaultValueFactory = _ => 42, HelpName = "S" };
        var threads = new Option<int>("--threads") { Description = "Threads for training (0 = one per processor); 1 is fastest for these small networks on a busy machine.", DefaultValueFactory = _ => 1, HelpName = "N" };
        var minSegments = new Option<int>("--min-segments") { Description = "The fewest customer segments to try (2 to 20).", DefaultValueFactory = _ => 3, HelpName = "K" };
        var maxSegments = new Option<int>("--max-segments") { Description = "The most customer segments to try (2 to 20); the clearest split in the range is kept.", DefaultValueFactory = _ => 8, HelpName = "K" };
        var command = new Command("sales", "Learn customer and product embeddings from a sales export and report customer segments in plain words, products bought by similar customers and unusual orders (HTML report).")
        {
            path, output, seed, threads, minSegments, maxSegments,
        };
        factory.SetAction(command, async context =>
        {
            var file = Path.GetFullPath(Path.Combine(context.Environment.CurrentDirectory, context.Value(path)!));
            var options = new SalesInsightsOptions
            {
                Seed = context.Value(seed),
                Threads = context.Value(threads),
                MinSegments = context.Value(minSegments),
                MaxSegments = context.Value(maxSegments),
            };
            options.Validate();
            var result = await context.WithProgressAsync("insights", progress =>
                new SalesInsights(options).RunAsync(file, progress, context.CancellationToken)).ConfigureAwait(false);
            var reportPath = context.Value(output) is { } o
                ? Path.GetFullPath(Path.Combine(context.Environment.CurrentDirectory, o))
                : Path.Combine(context.WorkspaceRoot, "reports", $"insights-{Path.GetFileNameWithoutExtension(file)}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.html");
            await SalesInsightsReport.Create(result).SaveAsync(reportPath, context.CancellationToken).ConfigureAwait(false);
            context.WriteResult(new SalesInsightsCommandResult(reportPath, result), writer =>
            {
                var s = result.Summary;
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Lines:N0} order lines, {s.Customers:N0} customers, {s.Products:N0} products, analysed in {result.TotalSeconds:0.0} s"));
                writer.WriteLine($"{result.Segments.Count} customer segments (groups of customers who buy in a similar way):");
                foreach (var g in result.Segments)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {g.Number}. {g.Customers,5:N0} customers, {g.ShareOfSales,4:0%} of sales: {g.Description}"));
                }

                writer.WriteLine("Most unusual order lines:");
                foreach (var u in result.UnusualOrders.Take(5))
                {
                    writer.WriteLine($"  {u.OrderId} (row {u.Row}): {u.Reasons[0]}");
                }

                writer.WriteLine($"report: {reportPath}");
            });
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>The result of <c>insights sales</c>: the report written and everything found.</summary>
internal sealed record SalesInsightsCommandResult(string Report, SalesInsightsResult Insights);
