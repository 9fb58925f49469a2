using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Monitoring.Drift;
using LatentOps.Reports.Drift;
using LatentOps.Store.Datasets;

namespace LatentOps.Cli.Commands.Monitor;

/// <summary><c>latentops monitor ...</c>: drift between datasets or of a model's live traffic, and the retraining loop.</summary>
internal static class MonitorCommands
{
    public static Command Create(CommandFactory factory)
    {
        var monitor = new Command("monitor", "Watch data and models in production: drift, estimated and realised performance, and the retraining loop.");
        monitor.Add(CreateDrift(factory));
        monitor.Add(MonitorRunCommand.Create(factory));
        return monitor;
    }

    private static Command CreateDrift(CommandFactory factory)
    {
        var model = new Option<string?>("--model") { Description = "A registered model, NAME@ALIAS or NAME:VERSION: compare its live inputs (the request log window) with its training data, on features and embeddings, with estimated (CBPE) and realised accuracy." };
        var window = new Option<string>("--window") { Description = "With --model: the request-log window, a duration (1d, 12h) or a number of most recent requests (500).", DefaultValueFactory = _ => "1d" };
        var reference = new Option<string?>("--reference") { Description = "The reference dataset, NAME[:VERSION] (latest version when omitted); with --model the default is the model's training data." };
        var current = new Option<string?>("--current") { Description = "The current dataset, NAME[:VERSION], compared with the reference (not with --model)." };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated columns to test (default: every shared numeric and categorical column)." };
        var method = new Option<string>("--method") { Description = "Test for every column: auto (Evidently's rule), ks, wasserstein, chi-square, jensen-shannon or psi.", DefaultValueFactory = _ => "auto" };
        var alpha = new Option<double>("--alpha") { Description = "Significance level of the p-value tests before Bonferroni across columns.", DefaultValueFactory = _ => 0.05 };
        var share = new Option<double>("--drift-share") { Description = "The dataset drifts when at least this share of the tested columns drifts.", DefaultValueFactory = _ => 0.5 };
        var report = new Option<string?>("--report") { Description = "Write the HTML drift report (ranked columns, every test's statistic, p-value and threshold) to this file." };
        var drift = new Command("drift", "Test every column of the current dataset against the reference (KS, Wasserstein, chi-square, Jensen-Shannon or PSI) and say whether the dataset drifted.")
        {
            model, window, reference, current, columns, method, alpha, share, report,
        };
        factory.SetAction(drift, async context =>
        {
            if (context.Value(model) is { } modelText)
            {
                return await ModelDriftAsync(context, modelText, context.Value(window) ?? "1d", context.Value(reference), context.Value(current), context.Value(report)).ConfigureAwait(false);
            }

            var referenceRef = DatasetRef.Parse(context.Value(reference)
                ?? throw LatentOpsException.InvalidInput("Give --reference and --current (two datasets), or --model REF (a model's live traffic)."));
            var currentRef = DatasetRef.Parse(context.Value(current)
                ?? throw LatentOpsException.InvalidInput("Give --current (the dataset compared with --reference), or --model REF instead."));
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

    private static async Task<int> ModelDriftAsync(CommandContext context, string modelText, string window, string? reference, string? current, string? report)
    {
        if (current is not null)
        {
            throw LatentOpsException.InvalidInput("--current does not go with --model: the current data is the model's request log window (--window).");
        }

        var modelRef = ModelRef.Parse(modelText);
        var referenceRef = reference is null ? null : DatasetRef.Parse(reference);
        var reportPath = report is null ? null : Path.Combine(context.Environment.CurrentDirectory, report);
        var result = await context.WithProgressAsync($"monitor {modelRef}", progress =>
            ModelMonitor.RunAsync(context, modelRef, window, referenceRef, reportPath, progress)).ConfigureAwait(false);
        context.WriteResult(result, o =>
        {
            var f = result.Features;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Model} on '{result.Window}' ({result.Requests} requests, {result.CurrentRows} rows) vs {result.Reference} ({result.ReferenceRows} rows)"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  features:   {(f.DatasetDrift ? "DATASET DRIFT" : "no dataset drift")}: {f.DriftedCount} of {f.Columns.Count} columns drifted ({f.DriftedShare:P0})"));
            foreach (var c in f.Columns.Where(c => c.Result.Drifted).Take(10))
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    DRIFT {c.Column,-28} {c.Result.Method,-15} statistic {c.Result.Statistic:G4}"));
            }

            if (result.Embedding is { } e)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  embeddings: {(e.Test.Drifted ? "DRIFT" : "no drift")} (MMD² {e.Test.Statistic:G4}, p {e.Test.PValue:G3}, {e.Permutations} permutations)"));
            }

            if (result.Performance is { } p)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  accuracy:   estimated (CBPE) {p.EstimatedAccuracyScore:0.000} [{p.LowerBand:0.000}, {p.UpperBand:0.000}]; realised {(p.RealisedAccuracyScore is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "-")} on {p.LabelledRows} labelled rows; training data {(result.ReferenceAccuracy is { } a ? a.ToString("0.000", CultureInfo.InvariantCulture) : "-")}"));
            }

            o.WriteLine($"  run: {StoreAccess.Short(result.RunId!)} (experiment monitoring)");
            if (result.Report is not null)
            {
                o.WriteLine($"  report: {result.Report}");
            }
        });
        return ExitCodes.Success;
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
