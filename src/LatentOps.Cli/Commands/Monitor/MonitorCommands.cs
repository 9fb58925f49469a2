using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Monitoring.Drift;
using LatentOps.Reports.Drift;
using LatentOps.Store.Datasets;

namespace LatentOps.Cli.Commands.Monitor;

/// <summary><c>latentops monitor ...</c>: drift between datasets (more monitoring commands join here).</summary>
internal static class MonitorCommands
{
    public static Command Create(CommandFactory factory)
    {
        var monitor = new Command("monitor", "Watch data and models in production: drift between a reference and current data.");
        monitor.Add(CreateDrift(factory));
        return monitor;
    }

    private static Command CreateDrift(CommandFactory factory)
    {
        var reference = new Option<string>("--reference") { Description = "The reference dataset, NAME[:VERSION] (latest version when omitted), e.g. the training data.", Required = true };
        var current = new Option<string>("--current") { Description = "The current dataset, NAME[:VERSION], compared with the reference.", Required = true };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated columns to test (default: every shared numeric and categorical column)." };
        var method = new Option<string>("--method") { Description = "Test for every column: auto (Evidently's rule), ks, wasserstein, chi-square, jensen-shannon or psi.", DefaultValueFactory = _ => "auto" };
        var alpha = new Option<double>("--alpha") { Description = "Significance level of the p-value tests before Bonferroni across columns.", DefaultValueFactory = _ => 0.05 };
        var share = new Option<double>("--drift-share") { Description = "The dataset drifts when at least this share of the tested columns drifts.", DefaultValueFactory = _ => 0.5 };
        var report = new Option<string?>("--report") { Description = "Write the HTML drift report (ranked columns, every test's statistic, p-value and threshold) to this file." };
        var drift = new Command("drift", "Test every column of the current dataset against the reference (KS, Wasserstein, chi-square, Jensen-Shannon or PSI) and say whether the dataset drifted.")
        {
            reference, current, columns, method, alpha, share, report,
        };
        factory.SetAction(drift, async context =>
        {
            var referenceRef = DatasetRef.Parse(context.Value(reference)!);
            var currentRef = DatasetRef.Parse(context.Value(current)!);
            var options = new DatasetDriftOptions
            {
                Method = ParseMethod(context.Value(method) ?? "auto"),
                Alpha = context.Value(alpha),
                DriftShare = context.Value(share),
            };
            options.Validate();
            var catalog = new DatasetCatalog(context.Workspace);
            var referenceTable = await catalog.LoadTableAsync(referenceRef, context.CancellationToken).ConfigureAwait(false);
            var currentTable = await catalog.LoadTableAsync(currentRef, context.CancellationToken).ConfigureAwait(false);
            var selected = context.Value(columns)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var result = new DatasetDriftDetector(options).Run(referenceTable, currentTable, selected);
            string? reportPath = null;
            if (context.Value(report) is { } path)
            {
                var html = DriftReport.Build(new DriftReportInput($"Drift: {currentRef} vs {referenceRef}", $"{referenceRef} ({referenceTable.RowCount} rows)", $"{currentRef} ({currentTable.RowCount} rows)", result, [], []));
                reportPath = await html.SaveAsync(Path.Combine(context.Environment.CurrentDirectory, path), context.CancellationToken).ConfigureAwait(false);
            }

            var output = new DriftCommandResult(referenceRef.ToString(), currentRef.ToString(), result, reportPath);
            context.WriteResult(output, o =>
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(result.DatasetDrift ? "DATASET DRIFT" : "no dataset drift")}: {result.DriftedCount} of {result.Columns.Count} columns drifted ({result.DriftedShare:P0}; threshold {result.DriftShareThreshold:P0})"));
                foreach (var c in result.Columns.Take(15))
                {
                    var r = c.Result;
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {(r.Drifted ? "DRIFT" : "ok   ")} {c.Column,-28} {r.Method,-15} statistic {r.Statistic,10:G4}  {(r.PValue is { } p ? $"p {p:G3}" : "")} ({(r.Kind == ThresholdKind.PValue ? "p <" : "score >=")} {r.Threshold:G4})"));
                }

                if (reportPath is not null)
                {
                    o.WriteLine($"report: {reportPath}");
                }
            });
            return ExitCodes.Success;
        });
        return drift;
    }

    private static DriftMethod ParseMethod(string text) => text.ToLowerInvariant() switch
    {
        "auto" => DriftMethod.Auto,
        "ks" => DriftMethod.KolmogorovSmirnov,
        "wasserstein" => DriftMethod.Wasserstein,
        "chi-square" or "chisquare" => DriftMethod.ChiSquare,
        "jensen-shannon" or "js" => DriftMethod.JensenShannon,
        "psi" => DriftMethod.PopulationStabilityIndex,
        _ => throw LatentOpsException.InvalidInput($"--method '{text}' is not a drift test; allowed: auto, ks, wasserstein, chi-square, jensen-shannon, psi."),
    };

    /// <summary>The result of <c>monitor drift</c>.</summary>
    internal sealed record DriftCommandResult(string Reference, string Current, DatasetDriftResult Drift, string? Report);
}
