using System.Globalization;
using System.Text;
using LatentOps.Reports.Html;

namespace LatentOps.Governance.Sections;

/// <summary>Formatting shared by the card and datasheet renderers: numbers, Markdown cells, written text as HTML, metric names in plain words.</summary>
internal static class GovernanceText
{
    private static readonly Dictionary<string, string> MetricWords = new(StringComparer.Ordinal)
    {
        ["accuracyScore"] = "share of predictions that were right",
        ["accuracy"] = "share of predictions that were right",
        ["balancedAccuracyScore"] = "accuracy averaged over classes, so a rare class counts as much as a common one",
        ["rocAucScore"] = "how well the model ranks positive cases above negative ones (0.5 is a coin toss, 1 is perfect)",
        ["roc_auc"] = "how well the model ranks positive cases above negative ones (0.5 is a coin toss, 1 is perfect)",
        ["averagePrecisionScore"] = "how precise the model stays as it finds more of the positive cases (1 is perfect)",
        ["prAucScore"] = "area under the precision-recall curve (1 is perfect)",
        ["f1Score"] = "balance between finding the positive cases and being right when it says positive (1 is perfect)",
        ["f1"] = "balance between finding the positive cases and being right when it says positive (1 is perfect)",
        ["f1MacroScore"] = "F1 averaged over classes (1 is perfect)",
        ["matthewsCorrelationScore"] = "agreement between predictions and truth, robust to unequal classes (0 is chance, 1 is perfect)",
        ["logLoss"] = "penalty for confident wrong answers (lower is better)",
        ["brierLoss"] = "average squared error of the predicted probabilities (lower is better)",
        ["meanAbsoluteError"] = "average size of the error, in the label's units (lower is better)",
        ["rootMeanSquaredError"] = "typical size of the error, large errors weigh more (lower is better)",
        ["meanSquaredError"] = "average squared error (lower is better)",
        ["r2Score"] = "share of the variation in the label the model explains (1 is perfect, 0 is no better than the average)",
        ["ece"] = "gap between the model's confidence and how often it is right (lower is better)",
        ["expectedCalibrationError"] = "gap between the model's confidence and how often it is right (lower is better)",
    };

    /// <summary>The held-out data to suggest for an evaluation: the test part of the training data's split (NAME-train becomes NAME-test), else DATASET.</summary>
    public static string TestDataHint(string? trainReference)
    {
        var name = trainReference?.Split(':')[0];
        return name is null ? "DATASET"
            : name.EndsWith("-train", StringComparison.Ordinal) ? string.Concat(name.AsSpan(0, name.Length - "-train".Length), "-test")
            : "DATASET";
    }

    /// <summary>A metric's meaning in plain words, or null when unknown.</summary>
    public static string? Explain(string metric) => MetricWords.GetValueOrDefault(metric);

    public static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string F(double? value) => value is { } v ? F(v) : "n/a";

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Short(string? hash) => hash is null ? "n/a" : hash.Length > 12 ? hash[..12] : hash;

    public static string Interval(double? lower, double? upper) => lower is { } l && upper is { } u ? $"[{F(l)}, {F(u)}]" : "—";

    /// <summary>Text safe inside a Markdown table cell.</summary>
    public static string Cell(string? text) => (text ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>A Markdown table.</summary>
    public static void Table(StringBuilder md, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        md.Append("| ").Append(string.Join(" | ", headers.Select(Cell))).Append(" |\n");
        md.Append('|').Append(string.Concat(headers.Select(_ => "---|"))).Append('\n');
        foreach (var row in rows)
        {
            md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        }

        md.Append('\n');
    }

    /// <summary>Written Markdown shown as simple, safe HTML: paragraphs, bullet lists and line breaks (no markup is trusted).</summary>
    public static string WrittenHtml(string text)
    {
        var html = new StringBuilder("<div class=\"written\">");
        foreach (var block in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = block.Split('\n');
            if (lines.All(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal) || l.TrimStart().StartsWith("* ", StringComparison.Ordinal)))
            {
                html.Append("<ul>");
                foreach (var line in lines)
                {
                    html.Append("<li>").Append(HtmlReport.Encode(line.TrimStart()[2..].Trim())).Append("</li>");
                }

                html.Append("</ul>");
            }
            else if (block.StartsWith('#'))
            {
                html.Append("<h4>").Append(HtmlReport.Encode(block.TrimStart('#').Trim())).Append("</h4>");
            }
            else
            {
                html.Append("<p>").Append(string.Join("<br>", lines.Select(l => HtmlReport.Encode(l.Trim())))).Append("</p>");
            }
        }

        return html.Append("</div>").ToString();
    }
}
