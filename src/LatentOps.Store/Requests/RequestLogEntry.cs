namespace LatentOps.Store.Requests;

/// <summary>
/// One served request to append to the request log, with its inputs and outputs already UTF-8 JSON (as
/// the server has them), so a large request is written without a UTF-16 copy; read back as a
/// <see cref="LoggedRequest"/>.
/// </summary>
/// <param name="RequestId">32 hex characters; the id feedback refers to.</param>
/// <param name="At">When the request was answered (UTC).</param>
/// <param name="Model">The registered model name.</param>
/// <param name="Version">The version that answered.</param>
/// <param name="Endpoint"><c>predict</c> or <c>embed</c>.</param>
/// <param name="RowCount">Rows in the request.</param>
/// <param name="Inputs">UTF-8 JSON array of row objects by column name, personal data redacted.</param>
/// <param name="Outputs">UTF-8 JSON: per row the predicted label, probabilities and embedding norm (predict) or the embedding norm (embed).</param>
/// <param name="LatencyMs">Time from receiving the rows to the answer, in milliseconds.</param>
public sealed record RequestLogEntry(string RequestId, DateTimeOffset At, string Model, int Version, string Endpoint, int RowCount, ReadOnlyMemory<byte> Inputs, ReadOnlyMemory<byte> Outputs, double LatencyMs);
