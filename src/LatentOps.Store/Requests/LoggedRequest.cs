namespace LatentOps.Store.Requests;

/// <summary>One served predict or embed request, as the request log keeps it.</summary>
/// <param name="RequestId">32 hex characters; the id feedback refers to.</param>
/// <param name="At">When the request was answered (UTC).</param>
/// <param name="Model">The registered model name.</param>
/// <param name="Version">The version that answered.</param>
/// <param name="Endpoint"><c>predict</c> or <c>embed</c>.</param>
/// <param name="RowCount">Rows in the request (feedback row indexes are 0 to this minus 1).</param>
/// <param name="Inputs">JSON array of row objects by column name, personal data redacted.</param>
/// <param name="Outputs">JSON: per row the predicted label and probabilities (predict) or the embedding norm (embed).</param>
/// <param name="LatencyMs">Time from receiving the rows to the answer, in milliseconds.</param>
public sealed record LoggedRequest(string RequestId, DateTimeOffset At, string Model, int Version, string Endpoint, int RowCount, string Inputs, string Outputs, double LatencyMs);
