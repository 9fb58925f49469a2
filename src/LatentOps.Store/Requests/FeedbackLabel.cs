namespace LatentOps.Store.Requests;

/// <summary>A true label for one row of a logged request.</summary>
/// <param name="RequestId">The request id the server returned.</param>
/// <param name="Row">The row's index in that request (0-based).</param>
/// <param name="Label">The true label (a class name of the model).</param>
public sealed record FeedbackLabel(string RequestId, int Row, string Label);
