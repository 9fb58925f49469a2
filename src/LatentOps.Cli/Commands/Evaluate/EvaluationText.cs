using System.Globalization;
using LatentOps.Evaluation.Suite;

namespace LatentOps.Cli.Commands.Evaluate;

/// <summary>The human rendering of an evaluation on the terminal.</summary>
internal static class EvaluationText
{
    public static void Write(TextWriter output, EvaluationResult result, string? reportPath, IReadOnlyList<string>? warnings = null)
    {
        output.WriteLine($"{result.Task.ToString().ToLowerInvariant()} evaluation of {result.Rows:N0} rows" +
            (result.ClassNames.Count > 0 ? $" (classes: {string.Join(", ", result.ClassNames.Zip(result.ClassCounts, (n, c) => $"{n} {c:N0}"))})" : string.Empty));
        foreach (var h in result.Headline)
        {
            var interval = double.IsNaN(h.Lower) ? "no interval" : $"{h.Confidence * 100:0}% CI {F(h.Lower)} to {F(h.Upper)}";
            output.WriteLine($"  {h.Metric,-26} {F(h.Value),9}   {interval}");
        }

        if (result.Calibration is { } c)
        {
            output.WriteLine($"calibration: ECE {F(c.ExpectedCalibrationError)}, MCE {F(c.MaximumCalibrationError)} ({c.BinCount} bins)");
        }

        if (result.TemperatureScaling is { } t)
        {
            output.WriteLine($"temperature scaling: T = {F(t.Scaler.Temperature)}; held-out NLL {F(t.LogLossBefore)} -> {F(t.LogLossAfter)}, ECE {F(t.Before.ExpectedCalibrationError)} -> {F(t.After.ExpectedCalibrationError)}");
        }

        foreach (var (column, slices) in result.Slices)
        {
            var flagged = slices.Where(s => s.Flagged).ToList();
            output.WriteLine($"slices of {column}: {slices.Count}, flagged worse: " + (flagged.Count == 0 ? "none" : string.Join(", ", flagged.Select(s => $"{s.Value} ({s.Metric} {F(s.Estimate.Value)} vs {F(s.RestValue)})"))));
        }

        if (result.Fairness is { } f)
        {
            output.WriteLine($"fairness over {f.Column}: demographic parity difference {F(f.DemographicParityDifference)}, equal opportunity difference {F(f.EqualOpportunityDifference)}");
        }

        foreach (var warning in warnings ?? result.Warnings)
        {
            output.WriteLine($"note: {warning}");
        }

        if (reportPath is not null)
        {
            output.WriteLine($"report: {reportPath}");
        }
    }

    private static string F(double value) => double.IsNaN(value) ? "undefined" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
