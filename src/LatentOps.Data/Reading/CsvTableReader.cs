using System.Buffers;
using System.Globalization;
using System.Text;
using LatentOps.Core.Errors;
using LatentOps.Core.Progress;
using LatentOps.Core.Tables;
using nietras.SeparatedValues;

namespace LatentOps.Data.Reading;

/// <summary>
/// Reads delimited text with Sep (RFC 4180 quoting, embedded newlines), streaming each field into a
/// typed <see cref="ColumnBuilder"/>. Quotes are checked and unescaped here (Sep hands over raw fields) so an
/// unbalanced quote is reported where it opens instead of swallowing the rest of the file.
/// </summary>
internal static class CsvTableReader
{
    private const int ProgressEveryRows = 1 << 16;
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static Table Read(string path, TableReadOptions options, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var context = new ReadContext(path);
        char delimiter = default;
        List<string>? header = null;
        try
        {
            delimiter = options.Delimiter ?? Sniff(path, context);
            var assembler = new TableAssembler(context, options);
            var rows = ReadPass(path, delimiter, context, assembler, ref header, refill: false, progress, cancellationToken);
            if (assembler.Builders.Any(b => b.PendingRows > 0))
            {
                ReadPass(path, delimiter, context, assembler, ref header, refill: true, progress, cancellationToken);
            }

            return assembler.Build(rows);
        }
        catch (DecoderFallbackException ex)
        {
            throw Utf8ErrorLocator.Describe(path, delimiter == default ? null : delimiter, header, ex);
        }
    }

    private static int ReadPass(
        string path, char delimiter, ReadContext context, TableAssembler assembler, ref List<string>? header, bool refill,
        IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        using var input = InputFile.Open(path);
        using var text = input.OpenText();
        using var reader = new Sep(delimiter).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false }).From(text);
        var builders = assembler.Builders;
        var missing = assembler.Missing;
        var maxField = assembler.MaxFieldLength;
        var scratch = ArrayPool<char>.Shared.Rent(256);
        var rowNumber = 0;
        var refillUntil = refill ? builders.Max(b => b.PendingRows) : 0;
        var refillColumns = refill ? Enumerable.Range(0, builders.Count).Where(i => builders[i].PendingRows > 0).ToArray() : [];
        try
        {
            var enumerator = reader.GetEnumerator();
            if (!enumerator.MoveNext())
            {
                context.Row = 0;
                context.Line = 1;
                throw LatentOpsException.InvalidInput($"'{path}' is empty: row 0 (line 1) should be a header naming the columns, followed by data rows.");
            }

            var headerRow = enumerator.Current;
            context.Row = 0;
            context.Line = headerRow.LineNumberFrom;
            if (!refill)
            {
                header = ReadHeader(headerRow, context, maxField, ref scratch);
                assembler.CheckNamedColumnsExist(header);
                foreach (var name in header)
                {
                    assembler.AddColumn(name);
                }
            }

            var columnCount = builders.Count;
            while (enumerator.MoveNext())
            {
                var row = enumerator.Current;
                if (row.ColCount == 1 && row[0].Span.IsEmpty && columnCount > 1)
                {
                    continue; // A blank line.
                }

                rowNumber++;
                context.Row = rowNumber;
                context.Line = row.LineNumberFrom;
                if (row.ColCount != columnCount)
                {
                    for (var c = 0; c < row.ColCount; c++)
                    {
                        CheckQuoted(row[c].Span, context, c < columnCount ? builders[c].Name : null);
                    }

                    throw context.Error(null, string.Create(CultureInfo.InvariantCulture,
                        $"has {row.ColCount} fields but the header has {columnCount} columns. Every row needs one field per column (quote fields that contain '{Printable(delimiter)}')."));
                }

                if (refill)
                {
                    if (rowNumber > refillUntil)
                    {
                        break;
                    }

                    foreach (var c in refillColumns)
                    {
                        if (rowNumber <= builders[c].PendingRows)
                        {
                            var value = Field(row[c].Span, context, builders[c].Name, maxField, ref scratch);
                            builders[c].Fill(rowNumber - 1, value, missing.IsMissing(value));
                        }
                    }

                    continue;
                }

                for (var c = 0; c < columnCount; c++)
                {
                    var value = Field(row[c].Span, context, builders[c].Name, maxField, ref scratch);
                    if (missing.IsMissing(value))
                    {
                        builders[c].AddMissing();
                    }
                    else
                    {
                        builders[c].Add(value);
                    }
                }

                if ((rowNumber & (ProgressEveryRows - 1)) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new ProgressUpdate(refill ? "re-read" : "read", input.File.Position, input.File.Length, $"{rowNumber:N0} rows"));
                }
            }

            if (!refill && rowNumber == 0)
            {
                throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture,
                    $"'{path}': row 1 (line {headerRow.LineNumberToExcl}): the file has a header ({columnCount} columns: {string.Join(", ", header!.Take(8))}{(columnCount > 8 ? ", ..." : string.Empty)}) but no data rows."));
            }

            if (refill)
            {
                foreach (var c in refillColumns)
                {
                    builders[c].ClearPending();
                }
            }

            progress?.Report(new ProgressUpdate(refill ? "re-read" : "read", input.File.Length, input.File.Length, $"{rowNumber:N0} rows"));
            return rowNumber;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    private static List<string> ReadHeader(SepReader.Row row, ReadContext context, int maxField, ref char[] scratch)
    {
        var names = new List<string>(row.ColCount);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < row.ColCount; c++)
        {
            var name = Field(row[c].Span, context, null, maxField, ref scratch).Trim().ToString();
            if (name.Length == 0)
            {
                if (row.ColCount == 1)
                {
                    throw LatentOpsException.InvalidInput($"'{context.Path}' is empty: row 0 (line {context.Line}) should be a header naming the columns, followed by data rows.");
                }

                name = string.Create(CultureInfo.InvariantCulture, $"column_{c + 1}");
            }

            if (seen.TryGetValue(name, out var first))
            {
                throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture,
                    $"{context.Where()} (header), column {c + 1}: the column name '{name}' repeats column {first + 1}. Column names must be unique: rename one of them."));
            }

            seen.Add(name, c);
            names.Add(name);
        }

        return names;
    }

    /// <summary>The value of a raw field: quotes removed and doubled quotes unescaped, after checking them.</summary>
    private static ReadOnlySpan<char> Field(ReadOnlySpan<char> raw, ReadContext context, string? column, int maxField, ref char[] scratch)
    {
        if (raw.Length > maxField)
        {
            throw context.Error(column, string.Create(CultureInfo.InvariantCulture,
                $"the field is {raw.Length:N0} characters long; the limit is {maxField:N0} (a runaway quote or a binary file?). Raise it with --max-field-length if the data is real."));
        }

        if (raw.IsEmpty || raw[0] != '"')
        {
            return raw;
        }

        CheckQuoted(raw, context, column);
        var inner = raw[1..^1];
        var quote = inner.IndexOf('"');
        if (quote < 0)
        {
            return inner;
        }

        if (scratch.Length < inner.Length)
        {
            ArrayPool<char>.Shared.Return(scratch);
            scratch = ArrayPool<char>.Shared.Rent(inner.Length);
        }

        var length = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            scratch[length++] = inner[i];
            if (inner[i] == '"')
            {
                i++; // CheckQuoted guaranteed the next one is the second quote of the pair.
            }
        }

        return scratch.AsSpan(0, length);
    }

    private static void CheckQuoted(ReadOnlySpan<char> raw, ReadContext context, string? column)
    {
        if (raw.IsEmpty || raw[0] != '"')
        {
            return;
        }

        var closed = raw.Length >= 2 && raw[^1] == '"';
        if (closed)
        {
            var inner = raw[1..^1];
            for (var i = 0; i < inner.Length; i++)
            {
                if (inner[i] == '"')
                {
                    if (i + 1 < inner.Length && inner[i + 1] == '"')
                    {
                        i++;
                    }
                    else
                    {
                        closed = false;
                        break;
                    }
                }
            }
        }

        if (!closed)
        {
            throw context.Error(column,
                "unbalanced quotes: a quoted field opens a quote that is not closed where the field ends. Close the field with '\"' and double every quote inside it (\"\").");
        }
    }

    /// <summary>Picks the delimiter that splits the first lines into the same number (> 1) of fields most often.</summary>
    private static char Sniff(string path, ReadContext context)
    {
        using var input = InputFile.Open(path);
        using var text = input.OpenText();
        var buffer = new char[1 << 16];
        var read = text.ReadBlock(buffer, 0, buffer.Length);
        if (read == 0)
        {
            throw LatentOpsException.InvalidInput($"'{context.Path}' is empty: row 0 (line 1) should be a header naming the columns, followed by data rows.");
        }

        var sample = buffer.AsSpan(0, read);
        var best = ',';
        var bestScore = -1.0;
        foreach (var candidate in Candidates)
        {
            var counts = new List<int>();
            var count = 0;
            var inQuotes = false;
            foreach (var c in sample)
            {
                if (c == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (!inQuotes && c == candidate)
                {
                    count++;
                }
                else if (!inQuotes && c == '\n')
                {
                    counts.Add(count);
                    count = 0;
                    if (counts.Count == 20)
                    {
                        break;
                    }
                }
            }

            if (count > 0 || counts.Count == 0)
            {
                counts.Add(count);
            }

            var first = counts[0];
            if (first == 0)
            {
                continue;
            }

            var consistent = counts.Count(n => n == first) / (double)counts.Count;
            var score = consistent * 1000 + first;
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }

        return best;
    }

    private static string Printable(char c) => c == '\t' ? "\\t" : c.ToString();
}
