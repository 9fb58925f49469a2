using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace LatentOps.Serving.Apis;

/// <summary>
/// A per-thread buffer for writing a JSON answer before it is sent, so the response carries a
/// Content-Length (no chunking) and no buffer is allocated per request. <see cref="Rent"/> and
/// <see cref="SendAsync"/> must run on one thread with no await between them (the buffer is copied into
/// the response pipe before <see cref="SendAsync"/> first yields).
/// </summary>
internal static class ResponseBuffer
{
    private const int MaxKeptBytes = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>This thread's empty buffer.</summary>
    public static ArrayBufferWriter<byte> Rent()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        return buffer;
    }

    /// <summary>Sends the buffer as a 200 application/json answer.</summary>
    public static Task SendAsync(HttpResponse response, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        var pipe = response.BodyWriter;
        pipe.Write(buffer.WrittenSpan);
        if (buffer.Capacity > MaxKeptBytes)
        {
            t_buffer = null; // An unusually large answer: do not keep its buffer for the life of the thread.
        }

        return pipe.FlushAsync(cancellationToken).AsTask();
    }
}
