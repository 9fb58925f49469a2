using System.Text;
using System.Text.Json;
using LatentOps.Core.Errors;

namespace LatentOps.Serving.Inference;

/// <summary>
/// What every <see cref="IRowsEncoder"/> shares: reading the request envelope (<c>{"rows": [...]}</c>,
/// any letter case, other properties skipped) and how JSON values are named in problem messages. A
/// model family supplies the reading of the rows array itself.
/// </summary>
internal abstract class JsonRowsEncoder : IRowsEncoder
{
    /// <summary>An example body for messages, e.g. <c>{"rows": [{...}, ...]}</c>.</summary>
    protected abstract string ExampleBody { get; }

    /// <summary>What one row is, for messages, e.g. <c>one per row</c>.</summary>
    protected abstract string RowDescription { get; }

    /// <inheritdoc/>
    public EncodedRows EncodeBody(ReadOnlySpan<byte> body, int maxRows, bool keepRows, bool logRows = false)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"The request body must be a JSON object such as {ExampleBody}.");
        }

        EncodedRows? result = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isRows = reader.ValueTextEquals("rows"u8) || string.Equals(reader.GetString(), "rows", StringComparison.OrdinalIgnoreCase);
            reader.Read();
            if (isRows)
            {
                result = ReadRows(ref reader, body, maxRows, keepRows, logRows);
            }
            else
            {
                reader.Skip();
            }
        }

        while (reader.Read())
        {
            // Reaching the end checks that nothing malformed follows the object.
        }

        return result ?? throw NotAnArray("undefined");
    }

    /// <inheritdoc/>
    public EncodedRows EncodeRows(ReadOnlySpan<byte> rows, int maxRows, bool keepRows, bool logRows = false)
    {
        var reader = new Utf8JsonReader(rows);
        reader.Read();
        var result = ReadRows(ref reader, rows, maxRows, keepRows, logRows);
        while (reader.Read())
        {
        }

        return result;
    }

    /// <inheritdoc/>
    public abstract byte[] RewriteForLog(ReadOnlySpan<byte> rows, Func<string, string> redact);

    /// <summary>Reads the rows array the reader stands on (its start token), validating every row.</summary>
    protected abstract EncodedRows ReadRows(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, int maxRows, bool keepRows, bool logRows);

    protected LatentOpsException NotAnArray(string kind) =>
        LatentOpsException.InvalidInput($"'rows' must be a JSON array of objects ({RowDescription}); got {kind}.");

    protected static string KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => "undefined",
    };

    /// <summary>How a value is described in a problem message (as <see cref="RowBinder"/> always has).</summary>
    protected static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"the string '{Truncate(reader.GetString())}'",
        JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(reader.ValueSpan)}",
        JsonTokenType.True => "the boolean true",
        JsonTokenType.False => "the boolean false",
        _ => $"a JSON {KindOf(reader.TokenType)}",
    };

    protected static string Truncate(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text ?? string.Empty;
}
