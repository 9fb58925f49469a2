namespace LatentOps.Store.Requests;

/// <summary>A stored feedback label.</summary>
/// <param name="RequestId">The logged request.</param>
/// <param name="Row">The row's index in that request.</param>
/// <param name="Label">The true label.</param>
/// <param name="At">When the label arrived (UTC); a later label for the same row replaces it.</param>
public sealed record LabelledRow(string RequestId, int Row, string Label, DateTimeOffset At);
