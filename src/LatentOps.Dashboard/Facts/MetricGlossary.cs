namespace LatentOps.Dashboard.Facts;

/// <summary>Plain-language meanings of the metrics pages show, for readers who are not data scientists.</summary>
internal static class MetricGlossary
{
    private static readonly (string Key, string Meaning)[] Entries =
    [
        ("accuracy", "share of cases the model got right"),
        ("balancedaccuracy", "accuracy averaged over the classes, so a rare class counts as much as a common one"),
        ("f1", "balance of precision and recall (1 is perfect)"),
        ("precision", "of the cases the model flagged, the share that were right"),
        ("recall", "of the cases that should be flagged, the share the model found"),
        ("rocauc", "how well the model ranks positive cases above negative ones (0.5 is guessing, 1 is perfect)"),
        ("averageprecision", "area under the precision-recall curve (higher is better)"),
        ("logloss", "penalty for confident wrong answers (lower is better)"),
        ("brier", "mean squared error of the predicted probabilities (lower is better)"),
        ("expectedcalibrationerror", "how far the model's stated confidence is from how often it is right (lower is better)"),
        ("ece", "how far the model's stated confidence is from how often it is right (lower is better)"),
        ("matthews", "correlation between predictions and truth (-1 to 1; 0 is guessing)"),
        ("trainloss", "training error at each pass over the data (lower is better)"),
        ("driftshare", "share of input columns whose values changed noticeably"),
    ];

    /// <summary>The meaning of a metric name, or an empty string when it is not in the glossary.</summary>
    public static string Explain(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var key = new string([.. metric.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
        if (key.EndsWith("score", StringComparison.Ordinal))
        {
            key = key[..^"score".Length];
        }

        foreach (var (name, meaning) in Entries)
        {
            if (key == name || key.StartsWith(name, StringComparison.Ordinal))
            {
                return meaning;
            }
        }

        return string.Empty;
    }
}
