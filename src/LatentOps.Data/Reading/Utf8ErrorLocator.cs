using System.Buffers;
using System.Globalization;
using System.Text;
using LatentOps.Core.Errors;

namespace LatentOps.Data.Reading;

/// <summary>Finds where a file stops being valid UTF-8 (line, field and byte offset), for the error message.</summary>
internal static class Utf8ErrorLocator
{
    public static LatentOpsException Describe(string path, char? delimiter, IReadOnlyList<string>? header, Exception cause)
    {
        if (header is null && delimiter != '\0')
        {
            (delimiter, header) = GuessHeader(path, delimiter);
        }

        using var input = InputFile.Open(path);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long offset = 0, line = 1;
            var field = 0;
            var inQuotes = false;
            var carry = 0;
            int read;
            while ((read = input.Content.Read(buffer, carry, buffer.Length - carry)) > 0 || carry > 0)
            {
                var length = carry + read;
                var span = buffer.AsSpan(0, length);
                var position = 0;
                while (position < span.Length)
                {
                    var status = Rune.DecodeFromUtf8(span[position..], out var rune, out var consumed);
                    if (status == OperationStatus.NeedMoreData && read > 0)
                    {
                        break;
                    }

                    if (status != OperationStatus.Done)
                    {
                        var column = header is not null && field < header.Count ? $"column '{header[field]}'" : string.Create(CultureInfo.InvariantCulture, $"field {field + 1}");
                        var row = line - 1; // Rows are counted after the header line (an estimate when fields hold newlines).
                        return LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture,
                            $"'{path}': row {row} (line {line}), {column}: invalid UTF-8 byte 0x{span[position]:X2} at byte offset {offset + position}. Save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)."), cause);
                    }

                    var c = rune.Value;
                    if (c == '"')
                    {
                        inQuotes = !inQuotes;
                    }
                    else if (!inQuotes && c == '\n')
                    {
                        line++;
                        field = 0;
                    }
                    else if (c == '\n')
                    {
                        line++;
                    }
                    else if (!inQuotes && delimiter is { } d && c == d)
                    {
                        field++;
                    }

                    position += consumed;
                }

                carry = span.Length - position;
                span[position..].CopyTo(buffer);
                offset += position;
                if (read == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return LatentOpsException.InvalidInput($"'{path}' is not valid UTF-8 text ({cause.Message}). Save the file as UTF-8.", cause);
    }

    /// <summary>The delimiter and column names from the first line, when that line is valid UTF-8.</summary>
    private static (char? Delimiter, IReadOnlyList<string>? Header) GuessHeader(string path, char? delimiter)
    {
        using var input = InputFile.Open(path);
        var bytes = new byte[1 << 16];
        var read = input.Content.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        var end = Array.IndexOf(bytes, (byte)'\n', 0, read);
        var first = bytes.AsSpan(0, end < 0 ? read : end);
        if (!System.Text.Unicode.Utf8.IsValid(first))
        {
            return (delimiter, null);
        }

        var line = Encoding.UTF8.GetString(first).TrimEnd('\r');
        var chosen = delimiter ?? new[] { ',', ';', '\t', '|' }.OrderByDescending(c => line.Count(x => x == c)).First();
        return (chosen, [.. line.Split(chosen).Select(n => n.Trim().Trim('"'))]);
    }
}
