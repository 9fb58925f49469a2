using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Tables;
using LatentOps.Data.Checks;
using LatentOps.Data.Pii;
using LatentOps.Reports.DataChecks;
using LatentOps.Store.Datasets;

namespace LatentOps.Cli.Commands.Data;

/// <summary><c>latentops data check N[:V]</c>: leakage, integrity, imbalance, representativeness and PII findings.</summary>
internal static class CheckCommand
{
    public static Command Create(CommandFactory factory)
    {
        var dataset = DataCommandSupport.DatasetArgument("The dataset to check: NAME or NAME:VERSION.");
        var reference = new Option<string?>("--reference") { Description = "A dataset this one should represent (e.g. the full population): reports missing or rare categories and distribution distances.", HelpName = "DATASET" };
        var against = new Option<string?>("--against") { Description = "The other side of a split, for duplicate-row and time-overlap leakage. Default: the sibling part when DATASET came from 'data split'.", HelpName = "DATASET" };
        var label = new Option<string?>("--label") { Description = "The label column. Default: the one given at ingest.", HelpName = "COL" };
        var time = new Option<string?>("--time") { Description = "The time column. Default: the one given at ingest.", HelpName = "COL" };
        var redact = new Option<bool>("--redact") { Description = "Also store a new version with personal data (e-mails, phones, cards, IBANs, IPs) replaced by markers such as [EMAIL]." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit with code 1 when a finding has this severity or worse: error, warning, or never.", DefaultValueFactory = _ => "never", HelpName = "SEVERITY" };
        failOn.AcceptOnlyFromAmong("never", "warning", "error");
        var output = DataCommandSupport.OutOption("check");
        var command = new Command("check", "Check a dataset version for leakage, integrity problems, class imbalance, representativeness (with --reference) and personal data; each finding has a severity and a plain explanation.")
        {
            dataset, reference, against, label, time, redact, failOn, output,
        };
        factory.SetAction(command, async context =>
        {
            var catalog = DataCommandSupport.Catalog(context);
            var version = await catalog.GetVersionAsync(DataCommandSupport.Parse(context.Value(dataset)!), context.CancellationToken).ConfigureAwait(false);
            var referenceVersion = context.Value(reference) is { } r ? await catalog.GetVersionAsync(DataCommandSupport.Parse(r), context.CancellationToken).ConfigureAwait(false) : null;
            var counterpartVersion = context.Value(against) is { } a
                ? await catalog.GetVersionAsync(DataCommandSupport.Parse(a), context.CancellationToken).ConfigureAwait(false)
                : await catalog.GetSplitSiblingAsync(version, context.CancellationToken).ConfigureAwait(false);
            var options = new DataCheckOptions
            {
                LabelColumn = context.Value(label) ?? version.Roles.Label,
                TimeColumn = context.Value(time) ?? version.Roles.Time,
                IdColumn = version.Roles.Id,
            };
            options.Validate();
            var reportPath = DataCommandSupport.ReportPath(context, context.Value(output), version, "check");

            var (report, redacted) = await context.WithProgressAsync("check", async progress =>
            {
                progress.Report(new Core.Progress.ProgressUpdate("load", 0, 3));
                var table = await catalog.LoadTableAsync(version, context.CancellationToken).ConfigureAwait(false);
                var referenceTable = referenceVersion is null ? null : await catalog.LoadTableAsync(referenceVersion, context.CancellationToken).ConfigureAwait(false);
                var counterpartTable = counterpartVersion is null ? null : await catalog.LoadTableAsync(counterpartVersion, context.CancellationToken).ConfigureAwait(false);
                progress.Report(new Core.Progress.ProgressUpdate("check", 1, 3, $"{table.RowCount:N0} rows"));
                var checks = await Task.Run(() => DataChecker.Run(table, options, referenceTable, counterpartTable,
                    referenceVersion?.Ref.ToString(), counterpartVersion?.Ref.ToString(), context.CancellationToken), context.CancellationToken).ConfigureAwait(false);
                var subtitle = string.Create(CultureInfo.InvariantCulture, $"{version.RowCount:N0} rows x {version.Schema.Count} columns; content sha256 {version.ContentHash[..12]}");
                await DataCheckReportHtml.Build(checks, $"Data check of {version.Ref}", subtitle).SaveAsync(reportPath, context.CancellationToken).ConfigureAwait(false);
                RedactionResult? redaction = null;
                if (context.Value(redact))
                {
                    progress.Report(new Core.Progress.ProgressUpdate("redact", 2, 3));
                    redaction = await RedactAsync(catalog, version, table, options.PiiKinds, context.CancellationToken).ConfigureAwait(false);
                }

                progress.Report(new Core.Progress.ProgressUpdate("done", 3, 3));
                return (checks, redaction);
            }).ConfigureAwait(false);

            var result = new CheckResult(version.Ref.ToString(), reportPath, report.Errors, report.Warnings, report.Infos, report, redacted);
            context.WriteResult(result, writer =>
            {
                writer.WriteLine($"{result.Dataset}: {report.Errors} errors, {report.Warnings} warnings, {report.Infos} notes" +
                    (counterpartVersion is null ? string.Empty : $" (leakage compared with {counterpartVersion.Ref})") +
                    (referenceVersion is null ? string.Empty : $" (reference {referenceVersion.Ref})"));
                foreach (var finding in report.Findings)
                {
                    writer.WriteLine($"  {finding.Severity.ToString().ToLowerInvariant(),-7} {finding.Title}");
                }

                if (redacted is not null)
                {
                    writer.WriteLine(redacted.Dataset is null
                        ? "redact: no personal data found; no new version."
                        : $"redact: {DataCommandSupport.N(redacted.ValuesChanged)} values masked in {redacted.Dataset}{(redacted.Created ? string.Empty : " (already stored)")}");
                }

                writer.WriteLine($"report: {reportPath}");
            });

            var failOnSeverity = context.Value(failOn);
            var failed = (failOnSeverity == "error" && report.Errors > 0) || (failOnSeverity == "warning" && report.Errors + report.Warnings > 0);
            if (failed)
            {
                context.Note($"error: the check found {report.Errors} errors and {report.Warnings} warnings (--fail-on {failOnSeverity}).");
            }

            return failed ? ExitCodes.UserError : ExitCodes.Success;
        });
        return command;
    }

    private static async Task<RedactionResult> RedactAsync(DatasetCatalog catalog, DatasetVersion version, Table table, IReadOnlyCollection<PiiKind> kinds, CancellationToken cancellationToken)
    {
        var (redacted, changed) = PiiDetector.Redact(table, kinds);
        if (changed == 0)
        {
            return new RedactionResult(null, 0, false);
        }

        var transform = new DatasetTransform("redact", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kinds"] = string.Join(",", kinds.Select(k => k.ToString().ToLowerInvariant())),
            ["valuesChanged"] = changed.ToString(CultureInfo.InvariantCulture),
        });
        var added = await catalog.AddVersionAsync(version.Name, redacted, version.Roles, DatasetProvenance.Derived(transform), [version.Ref], cancellationToken).ConfigureAwait(false);
        return new RedactionResult(added.Version.Ref.ToString(), changed, added.Created);
    }

    /// <summary>The result of <c>data check</c>.</summary>
    internal sealed record CheckResult(string Dataset, string Report, int Errors, int Warnings, int Infos, DataCheckReport Checks, RedactionResult? Redaction);

    /// <summary>What <c>--redact</c> stored.</summary>
    internal sealed record RedactionResult(string? Dataset, int ValuesChanged, bool Created);
}
