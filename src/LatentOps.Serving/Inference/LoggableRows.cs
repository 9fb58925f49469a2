using System.Text;

namespace LatentOps.Serving.Inference;

/// <summary>
/// The rows of a request the request log samples, kept as the client sent them: the UTF-8 bytes of the
/// <c>rows</c> array copied from the body (no typed rows, no string per value, no UTF-16 copy). When
/// <see cref="RequestEncoder"/> saw nothing to change (every field is a model input and every string
/// value is a training category the PII patterns leave unchanged) the bytes are logged verbatim;
/// otherwise <see cref="ToLogUtf8"/> rewrites them, dropping fields the model does not read and
/// redacting string values.
/// </summary>
internal sealed class LoggableRows
{
    private readonly byte[] _bytes;
    private readonly IRowsEncoder? _rewriter;

    private LoggableRows(byte[] bytes, int rowCount, IRowsEncoder? rewriter)
    {
        _bytes = bytes;
        RowCount = rowCount;
        _rewriter = rewriter;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The size of the rows as sent, in bytes.</summary>
    public int Bytes => _bytes.Length;

    /// <summary>True when the bytes are logged as they are (nothing to drop or redact).</summary>
    public bool Verbatim => _rewriter is null;

    /// <summary>Copies <paramref name="rows"/> (a JSON array of row objects).</summary>
    /// <param name="rows">The UTF-8 JSON array.</param>
    /// <param name="rowCount">How many rows it holds.</param>
    /// <param name="rewriter">The encoder that rewrites the rows for the log; null to log them verbatim.</param>
    public static LoggableRows Copy(ReadOnlySpan<byte> rows, int rowCount, IRowsEncoder? rewriter) => new(rows.ToArray(), rowCount, rewriter);

    /// <summary>The rows as the request log stores them (UTF-8): a JSON array of objects by column name, model inputs only, strings redacted by <paramref name="redact"/>.</summary>
    public ReadOnlyMemory<byte> ToLogUtf8(Func<string, string> redact)
    {
        ArgumentNullException.ThrowIfNull(redact);
        return _rewriter is null ? _bytes : _rewriter.RewriteForLog(_bytes, redact);
    }

    /// <summary><see cref="ToLogUtf8"/> as a string.</summary>
    public string ToLogJson(Func<string, string> redact) => Encoding.UTF8.GetString(ToLogUtf8(redact).Span);
}
