namespace LatentOps.Serving.Inference;

/// <summary>
/// Reads the rows of a request into encoder input, checking them against a served model's signature:
/// <see cref="RequestEncoder"/> for tabular models, <see cref="ImageRequestEncoder"/> for image models.
/// With <c>logRows</c> the rows are kept as sent for the request log (<see cref="EncodedRows.Log"/>).
/// Problems are reported by field path (<see cref="RowValidationException"/>, answered 422).
/// </summary>
internal interface IRowsEncoder
{
    /// <summary>Reads a request body: a JSON object whose <c>rows</c> property (any letter case) holds the rows.</summary>
    /// <exception cref="System.Text.Json.JsonException">The body is not well-formed JSON, or not an object (answered 400).</exception>
    /// <exception cref="Core.Errors.LatentOpsException">InvalidInput when <c>rows</c> is missing, not an array, or has 0 or more than <paramref name="maxRows"/> rows.</exception>
    /// <exception cref="RowValidationException">Some fields do not fit the signature.</exception>
    EncodedRows EncodeBody(ReadOnlySpan<byte> body, int maxRows, bool keepRows, bool logRows = false);

    /// <summary>Reads a JSON array of rows (the value of <c>rows</c>).</summary>
    /// <exception cref="Core.Errors.LatentOpsException">InvalidInput when it is not an array of 1 to <paramref name="maxRows"/> rows.</exception>
    /// <exception cref="RowValidationException">Some fields do not fit the signature.</exception>
    EncodedRows EncodeRows(ReadOnlySpan<byte> rows, int maxRows, bool keepRows, bool logRows = false);

    /// <summary>
    /// Rewrites a JSON array of rows this encoder accepted for the request log: a JSON array of objects
    /// by column name, model inputs only, string values through <paramref name="redact"/>.
    /// </summary>
    byte[] RewriteForLog(ReadOnlySpan<byte> rows, Func<string, string> redact);
}
