using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Slices;
using LatentOps.Evaluation.Suite;
using LatentOps.Reports.Evaluation;

namespace LatentOps.Cli.Commands.Evaluate;

/// <summary><c>latentops evaluate predictions PATH --label COL --scores COL[,COL...]</c>.</summary>
internal static class EvaluatePredictionsCommand
{
    public static Command Create(CommandFactory factory)
    {
        var path = new Argument<string>("PATH") { Description = "The predictions file (CSV, Parquet or JSONL, optionally .gz): one row per example with the true label and the model's output." };
        var label = new Option<string>("--label") { Description = "Column with the true label (a class, or a number for regression).", Required = true, HelpName = "COL" };
        var scores = new Option<string?>("--scores") { Description = "Probability columns: one for binary (the positive class), or one per class for multiclass, comma-separated.", HelpName = "COL[,COL...]" };
        var prediction = new Option<string?>("--prediction") { Description = "Regression: the column with the predicted value (instead of --scores).", HelpName = "COL" };
        var positive = new Option<string?>("--positive") { Description = "Binary: the label value the score is the probability of (needed unless labels are 0/1, false/true or no/yes).", HelpName = "VALUE" };
        var classes = new Option<string?>("--classes") { Description = "Multiclass: the class of each --scores column, in order (default: the column names, a shared prefix such as p_ removed).", HelpName = "A,B,C" };
        var slices = new Option<string?>("--slices") { Description = "Columns to slice by (numbers are binned into quartiles); each slice gets metrics with intervals, and significantly worse slices are flagged.", HelpName = "COL[,COL...]" };
        var protectedColumn = new Option<string?>("--protected") { Description = "Binary: a protected attribute column; reports demographic parity and equal opportunity differences.", HelpName = "COL" };
        var report = new Option<string?>("--report") { Description = "Where to write the HTML report. Default: reports/evaluation-<file>-<time>.html in the workspace folder.", HelpName = "PATH" };
        var resamples = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for every interval (50 to 100000).", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap and of the calibration split.", DefaultValueFactory = _ => 42, HelpName = "S" };
        var minimumRows = new Option<int>("--min-slice-rows") { Description = "Slices with fewer rows are shown but never flagged (1 to 100000).", DefaultValueFactory = _ => 30, HelpName = "N" };
        var validation = new Option<string?>("--validation") { Description = "A predictions file for validation rows (same columns) to fit temperature scaling on; it is then measured on all of PATH. Default: fit on part of PATH (see --calibration-fraction).", HelpName = "PATH" };
        var calibrationFraction = new Option<double>("--calibration-fraction") { Description = "Share of rows (stratified, seeded) used to fit temperature scaling; the rest measure it (0.1 to 0.9).", DefaultValueFactory = _ => 0.5, HelpName = "F" };

        var command = new Command("predictions", "Evaluate a file of predictions from any model: all metrics with bootstrap intervals, confusion matrix, ROC/PR curves, calibration and temperature scaling, slices, fairness; writes an HTML report.")
        {
            path, label, scores, prediction, positive, classes, slices, protectedColumn, report, resamples, seed, minimumRows, validation, calibrationFraction,
        };
        factory.SetAction(command, async context =>
        {
            var file = Path.GetFullPath(Path.Combine(context.Environment.CurrentDirectory, context.Value(path)!));
            var options = new EvaluationOptions
            {
                Bootstrap = new BootstrapOptions { Resamples = context.Value(resamples), Seed = context.Value(seed) },
                Slices = new SliceOptions { MinimumRows = context.Value(minimumRows) },
                CalibrationFraction = context.Value(calibrationFraction),
            };
            Validate(options);
            var columns = new PredictionColumns(
                context.Value(label)!,
                EvaluateCommands.List(context.Value(scores)) is { Count: > 0 } s ? s : null,
                context.Value(prediction),
                context.Value(positive),
                EvaluateCommands.List(context.Value(classes)) is { Count: > 0 } c ? c : null);
            var sliceNames = EvaluateCommands.List(context.Value(slices));
            var protectedName = context.Value(protectedColumn);
            var source = Path.GetFileName(file);

            var table = await TableReader.ReadAsync(file, new TableReadOptions(), context.CancellationToken).ConfigureAwait(false);
            var set = PredictionTableReader.Read(table, columns, source);
            var sliceColumns = sliceNames.Select(n => Column(table, n, source, "--slices")).ToList();
            var protectedCol = protectedName is null ? null : Column(table, protectedName, source, "--protected");
            LatentOps.Evaluation.Metrics.PredictionSet? validationSet = null;
            if (context.Value(validation) is { } validationPath)
            {
                var validationFile = Path.GetFullPath(Path.Combine(context.Environment.CurrentDirectory, validationPath));
                var validationTable = await TableReader.ReadAsync(validationFile, new TableReadOptions(), context.CancellationToken).ConfigureAwait(false);
                validationSet = PredictionTableReader.Read(validationTable, columns, Path.GetFileName(validationFile));
                if (!set.IsClassification)
                {
                    throw LatentOpsException.InvalidInput("--validation fits temperature scaling, which applies to classification only.");
                }

                if (!validationSet.ClassNames.SequenceEqual(set.ClassNames))
                {
                    throw LatentOpsException.InvalidInput($"--validation: {Path.GetFileName(validationFile)} has classes {string.Join(", ", validationSet.ClassNames)}; {source} has {string.Join(", ", set.ClassNames)}.");
                }
            }

            var result = await context.WithProgressAsync("evaluate", progress =>
                Task.Run(() => EvaluationSuite.Run(set, sliceColumns, protectedCol, options, progress, validationSet), context.CancellationToken)).ConfigureAwait(false);

            var reportPath = context.Value(report) is { } r
                ? Path.GetFullPath(Path.Combine(context.Environment.CurrentDirectory, r))
                : Path.Combine(context.WorkspaceRoot, "reports", $"evaluation-{Path.GetFileNameWithoutExtension(source)}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.html");
            var html = EvaluationReport.Create(result, $"Evaluation of {source}", $"{result.Rows:N0} rows, {result.Task.ToString().ToLowerInvariant()}, evaluated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            await html.SaveAsync(reportPath, context.CancellationToken).ConfigureAwait(false);

            var parameters = new Dictionary<string, string>
            {
                ["source"] = file,
                ["label"] = columns.Label,
                ["bootstrapResamples"] = options.Bootstrap.Resamples.ToString(CultureInfo.InvariantCulture),
                ["seed"] = options.Bootstrap.Seed.ToString(CultureInfo.InvariantCulture),
            };
            AddIf(parameters, "scores", columns.Scores is null ? null : string.Join(',', columns.Scores));
            AddIf(parameters, "prediction", columns.Prediction);
            AddIf(parameters, "positive", columns.PositiveClass);
            AddIf(parameters, "slices", sliceNames.Count == 0 ? null : string.Join(',', sliceNames));
            AddIf(parameters, "protected", protectedName);
            var record = new EvaluationRun.Record($"evaluate {source}", parameters, new Dictionary<string, string>(), new Dictionary<string, double>(), [], result, Train.SourceCommit.Of(context.Environment.CurrentDirectory));
            var run = await EvaluationRun.WriteAsync(context.Workspace, Runs.StoreAccess.Actor(context), record, result, reportPath, context.CancellationToken).ConfigureAwait(false);

            var output = new EvaluatePredictionsResult(file, run.RunId, reportPath, result);
            context.WriteResult(output, writer =>
            {
                EvaluationText.Write(writer, result, reportPath);
                writer.WriteLine($"run: {run.RunId} (experiment {run.Experiment})");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static void AddIf(Dictionary<string, string> parameters, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parameters[key] = value;
        }
    }

    private static void Validate(EvaluationOptions options)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw LatentOpsException.InvalidInput(ex.Message.Split(" (Parameter")[0]);
        }
    }

    private static Column Column(Table table, string name, string source, string option) =>
        table.TryGetColumn(name, out var column)
            ? column
            : throw LatentOpsException.InvalidInput($"{option}: {source} has no column '{name}'. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
}

/// <summary>The result of <c>evaluate predictions</c>: the file, the run recorded, the report written and the evaluation.</summary>
internal sealed record EvaluatePredictionsResult(string Source, string RunId, string Report, EvaluationResult Evaluation);
