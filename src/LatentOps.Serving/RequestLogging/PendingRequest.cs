using LatentOps.Serving.Inference;

namespace LatentOps.Serving.RequestLogging;

/// <summary>A served request waiting to be written to the request log (redaction and JSON happen in the background).</summary>
/// <param name="RequestId">The id returned to the client.</param>
/// <param name="At">When it was answered.</param>
/// <param name="Model">Model name.</param>
/// <param name="Version">Version that answered.</param>
/// <param name="Endpoint"><c>predict</c> or <c>embed</c>.</param>
/// <param name="Inputs">The rows as sent (redacted and trimmed to the model inputs by the writer when needed).</param>
/// <param name="OutputsJson">Writes what was answered as UTF-8 JSON (called by the background writer, not by the request).</param>
/// <param name="LatencyMs">Milliseconds from binding to answer.</param>
internal sealed record PendingRequest(string RequestId, DateTimeOffset At, string Model, int Version, string Endpoint, LoggableRows Inputs, Func<ReadOnlyMemory<byte>> OutputsJson, double LatencyMs);
