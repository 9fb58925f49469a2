namespace LatentOps.Evaluation.Suite;

/// <summary>Which columns of a predictions table hold the label and the model's output.</summary>
/// <param name="Label">The true label (class or number).</param>
/// <param name="Scores">Classification: one probability column for binary (the positive class), or one per class.</param>
/// <param name="Prediction">Regression: the predicted value column.</param>
/// <param name="PositiveClass">Binary: the label value that is positive (needed unless labels are 0/1, false/true or no/yes).</param>
/// <param name="Classes">Multiclass: the class name of each score column, in order (default: the column names, a common prefix such as "p_" removed).</param>
public sealed record PredictionColumns(string Label, IReadOnlyList<string>? Scores = null, string? Prediction = null, string? PositiveClass = null, IReadOnlyList<string>? Classes = null);
