using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Infrastructure;
using LatentOps.Data.Profiling;
using LatentOps.Reports.DataProfiles;

namespace LatentOps.Cli.Commands.Data;

/// <summary><c>latentops data profile N[:V]</c>: per-column statistics, as an HTML report with charts and as JSON.</summary>
internal static class ProfileCommand
{
    public static Command Create(CommandFactory factory)
    {
        var dataset = DataCommandSupport.DatasetArgument();
        var output = DataCommandSupport.OutOption("profile");
        var bins = new Option<int>("--bins") { Description = "Histogram bins (2 to 200).", DefaultValueFactory = _ => new ProfileOptions().HistogramBins, HelpName = "N" };
        var command = new Command("profile", "Profile a dataset version: per column count, missing, distinct, min/max/mean/std, quantiles, histogram, top values, text length. Writes an HTML report with plots.")
        {
            dataset, output, bins,
        };
        factory.SetAction(command, async context =>
        {
            var catalog = DataCommandSupport.Catalog(context);
            var version = await catalog.GetVersionAsync(DataCommandSupport.Parse(context.Value(dataset)!), context.CancellationToken).ConfigureAwait(false);
            var options = new ProfileOptions { HistogramBins = context.Value(bins) };
            options.Validate();
            var reportPath = DataCommandSupport.ReportPath(context, context.Value(output), version, "profile");
            var profile = await context.WithProgressAsync("profile", async progress =>
            {
                progress.Report(new Core.Progress.ProgressUpdate("load", 0, 2));
                var table = await catalog.LoadTableAsync(version, context.CancellationToken).ConfigureAwait(false);
                progress.Report(new Core.Progress.ProgressUpdate("profile", 1, 2, $"{table.RowCount:N0} rows"));
                var result = await Task.Run(() => TableProfiler.Profile(table, options, context.CancellationToken), context.CancellationToken).ConfigureAwait(false);
                var subtitle = string.Create(CultureInfo.InvariantCulture, $"{version.RowCount:N0} rows x {version.Schema.Count} columns; content sha256 {version.ContentHash[..12]}; source {version.Provenance.Source?.FileName ?? version.Provenance.Transform?.Kind ?? "?"}");
                await DataProfileReport.Build(result, $"Profile of {version.Ref}", subtitle).SaveAsync(reportPath, context.CancellationToken).ConfigureAwait(false);
                progress.Report(new Core.Progress.ProgressUpdate("profile", 2, 2));
                return result;
            }).ConfigureAwait(false);

            var payload = new ProfileResult(version.Ref.ToString(), reportPath, profile);
            context.WriteResult(payload, writer =>
            {
                writer.WriteLine($"{payload.Dataset}: {DataCommandSupport.N(profile.RowCount)} rows x {profile.ColumnCount} columns, {DataCommandSupport.N(profile.DuplicateRowCount ?? 0)} duplicate rows");
                var width = Math.Min(32, profile.Columns.Max(c => c.Name.Length));
                foreach (var c in profile.Columns)
                {
                    var summary = c.Numeric is { } n ? string.Create(CultureInfo.InvariantCulture, $"min {n.Min:G6}  mean {n.Mean:G6}  max {n.Max:G6}")
                        : c.Dates is { } d ? $"{d.Min:yyyy-MM-dd} .. {d.Max:yyyy-MM-dd}"
                        : c.TopValues is { Count: > 0 } t ? $"top '{Clip(t[0].Value)}' {t[0].Share.ToString("0.#%", CultureInfo.InvariantCulture)}" : string.Empty;
                    writer.WriteLine($"  {Clip(c.Name, width).PadRight(width)}  {c.Type.ToString().ToLowerInvariant(),-11}  missing {c.MissingShare.ToString("0.#%", CultureInfo.InvariantCulture),6}  distinct {DataCommandSupport.N(c.Distinct),9}  {summary}");
                }

                writer.WriteLine($"report: {reportPath}");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Clip(string text, int max = 24)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 1), "…");
    }

    /// <summary>The result of <c>data profile</c>.</summary>
    internal sealed record ProfileResult(string Dataset, string Report, TableProfile Profile);
}
