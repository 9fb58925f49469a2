namespace LatentOps.Data.Checks;

/// <summary>One finding of <see cref="DataChecker"/>, explained in plain words.</summary>
/// <param name="Check">A stable identifier such as <c>leakage.duplicate-rows</c>.</param>
/// <param name="Category">The family.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Title">One line saying what was found.</param>
/// <param name="Explanation">Why it matters and what to do about it.</param>
/// <param name="Column">The column concerned, when there is one.</param>
/// <param name="Metrics">The numbers behind the finding (e.g. auc, share, coverage).</param>
/// <param name="Examples">A few examples (masked for personal data).</param>
public sealed record DataFinding(
    string Check,
    FindingCategory Category,
    FindingSeverity Severity,
    string Title,
    string Explanation,
    string? Column,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<string> Examples);
