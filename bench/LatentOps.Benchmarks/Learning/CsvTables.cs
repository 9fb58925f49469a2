using System.Globalization;
using System.IO.Compression;
using LatentOps.Core.Tables;

namespace LatentOps.Benchmarks.Learning;

/// <summary>
/// A small CSV loader for the benchmark datasets (quoted fields, "NA"/empty as missing, numbers,
/// ISO dates, else categories). The product's readers live in LatentOps.Data; the benchmarks keep
/// their own so they run on any branch.
/// </summary>
internal static class CsvTables
{
    public static Table Load(string path, bool hasHeader = true, int skipLines = 0, string[]? names = null)
    {
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal)
            ? (Stream)new GZipStream(File.OpenRead(path), CompressionMode.Decompress)
            : File.OpenRead(path);
        using var reader = new StreamReader(stream);
        var lines = new List<string[]>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length > 0)
            {
                lines.Add(Split(line));
            }
        }

        lines = lines.Skip(skipLines).ToList();
        var header = hasHeader ? lines[0] : names ?? [.. Enumerable.Range(0, lines[0].Length).Select(i => $"c{i}")];
        var rows = hasHeader ? lines.Skip(1).ToList() : lines;
        var columns = new List<Column>();
        for (var c = 0; c < header.Length; c++)
        {
            var raw = rows.Select(r => c < r.Length ? r[c] : string.Empty).Select(v => v is "NA" or "" ? null : v).ToArray();
            if (raw.All(v => v is null || double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                columns.Add(new NumericColumn(header[c], [.. raw.Select(v => v is null ? double.NaN : double.Parse(v, CultureInfo.InvariantCulture))]));
            }
            else if (raw.All(v => v is null || DateTime.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _)))
            {
                columns.Add(new DateTimeColumn(header[c], [.. raw.Select(v => v is null ? (DateTime?)null : DateTime.ParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal))]));
            }
            else
            {
                columns.Add(new StringColumn(header[c], raw));
            }
        }

        return new Table(columns);
    }

    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}
