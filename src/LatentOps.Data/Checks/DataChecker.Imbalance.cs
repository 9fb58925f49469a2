using System.Globalization;

namespace LatentOps.Data.Checks;

public static partial class DataChecker
{
    private static IEnumerable<DataFinding> ImbalanceFindings(DataCheckOptions options, LabelClasses label)
    {
        if (label.Names.Length < 2 || label.Labelled == 0)
        {
            yield return Finding("imbalance.single-class", FindingCategory.Imbalance, FindingSeverity.Error,
                $"The label '{label.Column}' has only one class",
                "A classifier needs examples of at least two classes. Check the filter that produced this data, or pick another label column.",
                label.Column);
            yield break;
        }

        var total = label.Labelled;
        var minorityIndex = Array.IndexOf(label.Counts, label.Counts.Min());
        var majorityIndex = Array.IndexOf(label.Counts, label.Counts.Max());
        var minorityShare = (double)label.Counts[minorityIndex] / total;
        var majorityShare = (double)label.Counts[majorityIndex] / total;
        var ratio = (double)label.Counts[majorityIndex] / Math.Max(1, label.Counts[minorityIndex]);
        var metrics = new Dictionary<string, double> { ["minorityShare"] = minorityShare, ["majorityShare"] = majorityShare, ["imbalanceRatio"] = ratio };
        for (var i = 0; i < label.Names.Length; i++)
        {
            metrics[$"count[{label.Names[i]}]"] = label.Counts[i];
        }

        var classes = string.Join(", ", label.Names.Select((n, i) => $"{n} {label.Counts[i].ToString("N0", CultureInfo.InvariantCulture)} ({Percent((double)label.Counts[i] / total)})"));
        var severity = minorityShare < options.MinorityShareError ? FindingSeverity.Error
            : minorityShare < options.MinorityShareWarning ? FindingSeverity.Warning
            : FindingSeverity.Info;
        var explanation = severity == FindingSeverity.Info
            ? $"Classes: {classes}. The classes are reasonably balanced."
            : $"Classes: {classes}. The smallest class, '{label.Names[minorityIndex]}', is {Percent(minorityShare)} of the rows ({ratio.ToString("0.#", CultureInfo.InvariantCulture)} to 1). " +
              $"Accuracy is misleading here: always answering '{label.Names[majorityIndex]}' scores {Percent(majorityShare)}. " +
              "Use stratified splits ('latentops data split --by stratified'), judge models by PR-AUC and the minority class's recall and precision, " +
              "and consider class weights or resampling the training part (never the test part).";
        yield return Finding("imbalance.classes", FindingCategory.Imbalance, severity,
            severity == FindingSeverity.Info ? $"Label '{label.Column}': {label.Names.Length} classes, smallest {Percent(minorityShare)}"
                : $"Label '{label.Column}' is imbalanced: '{label.Names[minorityIndex]}' is {Percent(minorityShare)} of rows",
            explanation, label.Column, metrics);
    }
}
