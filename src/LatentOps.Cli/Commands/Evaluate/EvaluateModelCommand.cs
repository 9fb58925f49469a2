using System.CommandLine;
using System.Globalization;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;

namespace LatentOps.Cli.Commands.Evaluate;

/// <summary><c>latentops evaluate model REF --data N[:V]</c>.</summary>
internal static class EvaluateModelCommand
{
    public static Command Create(CommandFactory factory)
    {
        var reference = new Argument<string>("REF") { Description = "The registered model: NAME:VERSION (e.g. churn:3) or NAME@ALIAS (e.g. churn@champion)." };
        var data = new Option<string>("--data") { Description = "The held-out dataset to evaluate on: NAME or NAME:VERSION (e.g. lending_club-test).", Required = true, HelpName = "N[:V]" };
        var train = new Option<string?>("--train") { Description = "Rows the encoder probes (linear and kNN, embedding beside raw features) are fitted on. Default: the dataset the model was trained on, from its package.", HelpName = "N[:V]" };
        var label = new Option<string?>("--label") { Description = "The label column. Default: the column the model's head was trained on, else the dataset's label.", HelpName = "COL" };
        var slices = new Option<string?>("--slices") { Description = "Columns to slice by (numbers binned into quartiles); significantly worse slices are flagged.", HelpName = "COL[,COL...]" };
        var protectedColumn = new Option<string?>("--protected") { Description = "Binary: a protected attribute column; reports demographic parity and equal opportunity differences.", HelpName = "COL" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for every interval (50 to 100000).", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap, the calibration split and the perturbations.", DefaultValueFactory = _ => 42, HelpName = "S" };
        var noRobustness = new Option<bool>("--no-robustness") { Description = "Skip the noise, category-swap and dropped-feature robustness analysis." };
        var epsilons = new Option<string?>("--epsilons") { Description = "FGSM attack strengths in standardised input units, comma-separated (each 0 to 100); 'none' skips the attack. Default: 0,0.01,0.05,0.1,0.25,0.5.", HelpName = "E[,E...]" };
        var probeRows = new Option<int>("--probe-rows") { Description = $"Fit the probes on at most this many training rows (a seeded sample; the report says so); 0 uses all. The linear probe's cross-validation dominates the time on large data. Default: {ModelEvaluationSettings.DefaultProbeRows:N0}.", DefaultValueFactory = _ => ModelEvaluationSettings.DefaultProbeRows, HelpName = "N" };
        var output = new Option<string?>("--out") { Description = "Where to write the HTML report. Default: reports/evaluation-<model>-v<V>-<data>-v<V>.html in the workspace folder.", HelpName = "PATH" };
        var command = new Command("model", "Evaluate a registered model on a dataset version: metrics with bootstrap intervals, calibration, slices, encoder probes beside raw features, label-free quality, robustness and an FGSM attack; records a run in experiment 'evaluation' and writes an HTML report.")
        {
            reference, data, train, label, slices, protectedColumn, bootstrap, seed, noRobustness, epsilons, probeRows, output,
        };
        factory.SetAction(command, async context =>
        {
            var settings = new ModelEvaluationSettings
            {
                Model = context.Value(reference)!,
                Data = RegisteredModelLoader.ParseDataset(context.Value(data)!, "--data"),
                Train = context.Value(train) is { } t ? RegisteredModelLoader.ParseDataset(t, "--train") : null,
                Label = context.Value(label),
                Slices = EvaluateCommands.List(context.Value(slices)),
                Protected = context.Value(protectedColumn),
                Bootstrap = context.Value(bootstrap),
                Seed = context.Value(seed),
                Robustness = !context.Value(noRobustness),
                Epsilons = ParseEpsilons(context.Value(epsilons)),
                Report = context.Value(output),
                ProbeRows = context.Value(probeRows),
            };
            var outcome = await ModelEvaluationWorkflow.RunAsync(context, settings).ConfigureAwait(false);
            context.WriteResult(outcome, writer => Write(writer, outcome));
            return ExitCodes.Success;
        });
        return command;
    }

    public static void Write(TextWriter writer, ModelEvaluationOutcome outcome)
    {
        writer.WriteLine($"model {outcome.Model} on {outcome.Dataset} (label {outcome.Label})");
        EvaluationText.Write(writer, outcome.Evaluation.Evaluation, null, outcome.Warnings);
        foreach (var probe in outcome.Evaluation.Probes)
        {
            writer.WriteLine($"probe {probe.Probe,-6} on {probe.Features,-9} {probe.Primary.Metric} {F(probe.Primary.Value)} ({probe.Setting})");
        }

        if (outcome.Evaluation.Quality is { } quality)
        {
            writer.WriteLine($"embedding quality: RankMe {F(quality.RankMeScore)} of {quality.Dimensions} dimensions, uniformity {F(quality.UniformityLoss)}, collapse ratio {F(quality.CollapseRatio)}");
        }

        if (outcome.Evaluation.Robustness is { } robustness && robustness.Noise.Count > 0)
        {
            writer.WriteLine($"robustness ({robustness.Metric}): noise " + string.Join(", ", robustness.Noise.Select(p => $"{F(p.Level)} sd -> {F(p.Value)}")));
        }

        if (outcome.Evaluation.Adversarial is { } adversarial)
        {
            writer.WriteLine($"FGSM ({adversarial.Metric}): " + string.Join(", ", adversarial.Points.Select(p => $"eps {F(p.Level)} -> {F(p.Value)}")));
        }

        writer.WriteLine($"run: {outcome.RunId} (experiment {EvaluationRun.Experiment})");
        writer.WriteLine($"report: {outcome.Report}");
    }

    private static IReadOnlyList<double> ParseEpsilons(string? text)
    {
        if (text is null)
        {
            return Evaluation.Robustness.FgsmAttack.DefaultEpsilons;
        }

        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var values = new List<double>();
        foreach (var part in EvaluateCommands.List(text))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= 0 && value <= 100))
            {
                throw LatentOpsException.InvalidInput($"--epsilons: '{part}' is not a strength; use numbers from 0 to 100, comma-separated, or 'none'.");
            }

            values.Add(value);
        }

        return values;
    }

    private static string F(double value) => double.IsNaN(value) ? "undefined" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
