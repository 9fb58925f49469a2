using System.Buffers;
using System.Text;

namespace LatentOps.Serving.Inference;

/// <summary>
/// The rows of a request the request log samples, kept as the client sent them: the UTF-8 bytes of the
/// <c>rows</c> array, copied from the body into a pooled buffer (no typed rows, no string per value).
/// When <see cref="RequestEncoder"/> saw nothing to change (every field is a model input and every
/// string value is a training category the PII patterns do not match) the bytes are logged verbatim;
/// otherwise <see cref="ToLogJson"/> rewrites them, dropping fields the model does not read and
/// redacting string values. Owned by one request, then by the request log's writer, which calls
/// <see cref="Release"/> once written.
/// </summary>
internal sealed class LoggableRows
{
    private byte[]? _buffer;
    private readonly int _length;
    private readonly RequestEncoder? _rewriter;

    private LoggableRows(byte[] buffer, int length, int rowCount, RequestEncoder? rewriter)
    {
        _buffer = buffer;
        _length = length;
        RowCount = rowCount;
        _rewriter = rewriter;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>True when the bytes are logged as they are (nothing to drop or redact).</summary>
    public bool Verbatim => _rewriter is null;

    /// <summary>Copies <paramref name="rows"/> (a JSON array of row objects) into a pooled buffer.</summary>
    /// <param name="rows">The UTF-8 JSON array.</param>
    /// <param name="rowCount">How many rows it holds.</param>
    /// <param name="rewriter">The encoder that rewrites the rows for the log; null to log them verbatim.</param>
    public static LoggableRows Copy(ReadOnlySpan<byte> rows, int rowCount, RequestEncoder? rewriter)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(rows.Length, 1));
        rows.CopyTo(buffer);
        return new LoggableRows(buffer, rows.Length, rowCount, rewriter);
    }

    /// <summary>The rows as the request log stores them: a JSON array of objects by column name, model inputs only, strings redacted by <paramref name="redact"/>.</summary>
    public string ToLogJson(Func<string, string> redact)
    {
        ArgumentNullException.ThrowIfNull(redact);
        var bytes = (_buffer ?? throw new ObjectDisposedException(nameof(LoggableRows))).AsSpan(0, _length);
        return _rewriter is null ? Encoding.UTF8.GetString(bytes) : _rewriter.RewriteForLog(bytes, redact);
    }

    /// <summary>Returns the buffer to the pool (once; later calls do nothing).</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
