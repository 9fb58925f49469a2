using System.CommandLine;
using LatentOps.Cli.Infrastructure;

namespace LatentOps.Cli.Commands.Evaluate;

/// <summary><c>latentops evaluate ...</c>: metrics, calibration, slices and reports for predictions and models.</summary>
internal static class EvaluateCommands
{
    public static Command Create(CommandFactory factory)
    {
        var evaluate = new Command("evaluate", "Evaluate predictions or models: metrics equal to scikit-learn's with bootstrap intervals, calibration, slices, fairness, and an HTML report.");
        evaluate.Add(EvaluatePredictionsCommand.Create(factory));
        evaluate.Add(EvaluateModelCommand.Create(factory));
        evaluate.Add(EvaluateAblationCommand.Create(factory));
        return evaluate;
    }

    /// <summary>Splits a comma-separated option value into trimmed, non-empty names.</summary>
    public static IReadOnlyList<string> List(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [.. value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0)];
}
