using System.Globalization;
using System.Text;
using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.Progress;
using LatentOps.Core.Tables;

namespace LatentOps.Data.Reading;

/// <summary>
/// Reads JSON Lines: one object per line; its keys are the columns (the union over all lines, in
/// the order first seen; a key absent from a line is missing there). Strings, numbers and booleans
/// are inferred like CSV cells; nested objects and arrays are kept as their JSON text.
/// </summary>
internal static class JsonLinesTableReader
{
    public static Table Read(string path, TableReadOptions options, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var context = new ReadContext(path);
        try
        {
            var assembler = new TableAssembler(context, options);
            var rows = Pass(path, context, assembler, refill: false, progress, cancellationToken);
            if (assembler.Builders.Any(b => b.PendingRows > 0))
            {
                Pass(path, context, assembler, refill: true, progress, cancellationToken);
            }

            return assembler.Build(rows);
        }
        catch (DecoderFallbackException ex)
        {
            throw Utf8ErrorLocator.Describe(path, '\0', null, ex);
        }
    }

    private static int Pass(string path, ReadContext context, TableAssembler assembler, bool refill, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        using var input = InputFile.Open(path);
        using var text = input.OpenText();
        var byName = assembler.Builders.Select((b, i) => (b.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var seenInRow = new bool[Math.Max(16, assembler.Builders.Count)];
        var refillUntil = refill ? assembler.Builders.Max(b => b.PendingRows) : 0;
        var rowNumber = 0;
        long lineNumber = 0;
        string? line;
        while ((line = text.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            rowNumber++;
            context.Row = rowNumber;
            context.Line = lineNumber;
            if (refill && rowNumber > refillUntil)
            {
                break;
            }

            if (line.Length > assembler.MaxFieldLength * 2L)
            {
                throw context.Error(null, string.Create(CultureInfo.InvariantCulture,
                    $"the line is {line.Length:N0} characters long; the limit is {assembler.MaxFieldLength * 2L:N0} (twice --max-field-length)."));
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw context.Error(null, $"is not valid JSON ({ex.Message}). Each line must hold one JSON object.");
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw context.Error(null, $"holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object. Each line must hold one JSON object such as {{\"a\": 1}}.");
                }

                Array.Clear(seenInRow);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!byName.TryGetValue(property.Name, out var index))
                    {
                        if (refill)
                        {
                            continue;
                        }

                        index = assembler.Builders.Count;
                        assembler.AddColumn(property.Name, prefillMissing: rowNumber - 1);
                        byName.Add(property.Name, index);
                        if (index >= seenInRow.Length)
                        {
                            Array.Resize(ref seenInRow, seenInRow.Length * 2);
                        }
                    }

                    if (seenInRow[index])
                    {
                        throw context.Error(property.Name, "the key appears twice in this object. Keys must be unique within a line.");
                    }

                    seenInRow[index] = true;
                    var builder = assembler.Builders[index];
                    if (refill && rowNumber > builder.PendingRows)
                    {
                        continue;
                    }

                    var value = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null or JsonValueKind.Undefined => null,
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        _ => property.Value.GetRawText(),
                    };
                    if (value is not null && value.Length > assembler.MaxFieldLength)
                    {
                        throw context.Error(property.Name, string.Create(CultureInfo.InvariantCulture,
                            $"the value is {value.Length:N0} characters long; the limit is {assembler.MaxFieldLength:N0}. Raise it with --max-field-length if the data is real."));
                    }

                    var isMissing = value is null || assembler.Missing.IsMissing(value);
                    if (refill)
                    {
                        builder.Fill(rowNumber - 1, value, isMissing);
                    }
                    else if (isMissing)
                    {
                        builder.AddMissing();
                    }
                    else
                    {
                        builder.Add(value);
                    }
                }

                if (!refill)
                {
                    for (var i = 0; i < assembler.Builders.Count; i++)
                    {
                        if (!seenInRow[i])
                        {
                            assembler.Builders[i].AddMissing();
                        }
                    }
                }
            }

            if ((rowNumber & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ProgressUpdate("read", input.File.Position, input.File.Length, $"{rowNumber:N0} rows"));
            }
        }

        if (rowNumber == 0)
        {
            throw LatentOpsException.InvalidInput($"'{path}' is empty: it holds no JSON object (row 1, line 1). Each line must hold one JSON object.");
        }

        if (!refill)
        {
            assembler.CheckNamedColumnsExist([.. assembler.Builders.Select(b => b.Name)]);
        }
        else
        {
            foreach (var builder in assembler.Builders)
            {
                builder.ClearPending();
            }
        }

        return rowNumber;
    }
}
