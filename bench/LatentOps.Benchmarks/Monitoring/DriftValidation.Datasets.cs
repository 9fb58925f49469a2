using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LatentOps.Core.Tables;
using LatentOps.Data.Reading;
using LatentOps.Monitoring.Drift.Embeddings;

namespace LatentOps.Benchmarks.Monitoring;

/// <summary>Loading and featurising the four validation datasets.</summary>
public static partial class DriftValidation
{
    private static Table Read(string path) => TableReader.ReadAsync(path).GetAwaiter().GetResult();

    private static Prepared Birdstrikes(string dir)
    {
        var table = Read(Path.Combine(dir, "tabular", "birdstrikes.csv"));
        var dates = table["Flight Date"];
        int Year(int i) => dates switch
        {
            DateTimeColumn dc => dc[i]?.Year ?? 0,
            StringColumn sc => int.TryParse(sc[i]?[..4], out var y) ? y : 0,
            _ => 0,
        };
        var early = Enumerable.Range(0, table.RowCount).Where(i => Year(i) is >= 1990 and <= 1994).ToArray();
        var late = Enumerable.Range(0, table.RowCount).Where(i => Year(i) is >= 2000 and <= 2002).ToArray();
        var features = Categorise(table.Drop(["Flight Date"]), 60);
        var label = Enumerable.Range(0, table.RowCount).Select(i => table["Effect Amount of damage"].GetValue(i) is string s && s != "None").ToArray();
        return new Prepared("birdstrikes", "Flight Date 1990-1994 vs 2000-2002", features, TabularEmbedding(features.Drop(["Effect Amount of damage"])), label, early, late);
    }

    private static Prepared LendingClub(string dir)
    {
        var table = Read(Path.Combine(dir, "tabular", "lending_club.csv"));
        string[] west = ["CA", "OR", "WA", "NV", "AZ", "UT", "ID", "MT", "WY", "CO", "NM", "AK", "HI"];
        var state = table["addr_state"];
        var isWest = Enumerable.Range(0, table.RowCount).Select(i => state.GetValue(i) is string s && west.Contains(s)).ToArray();
        var features = Categorise(table.Drop(["addr_state"]), 60);
        var label = Enumerable.Range(0, table.RowCount).Select(i => table["Class"].GetValue(i) as string == "bad").ToArray();
        return new Prepared("lending_club", "addr_state in the western states vs the rest", features, TabularEmbedding(features.Drop(["Class"])), label,
            [.. Enumerable.Range(0, table.RowCount).Where(i => !isWest[i])], [.. Enumerable.Range(0, table.RowCount).Where(i => isWest[i])]);
    }

    private static Prepared Spam(string dir)
    {
        var rows = new List<(string Group, bool Spam, string Text)>();
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(dir, "text", "spam_assassin.jsonl.gz")), CompressionMode.Decompress)))
        {
            while (reader.ReadLine() is { } line)
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                rows.Add((root.GetProperty("group").GetString()!, root.GetProperty("label").GetString() == "spam", root.GetProperty("text").GetString() ?? ""));
            }
        }

        string[] names = ["log_chars", "log_lines", "upper_share", "digit_share", "exclaim_per_kchar", "dollar_count", "url_count", "html", "received_headers", "non_ascii_share"];
        var cols = names.Select(_ => new double[rows.Count]).ToArray();
        var embedding = new float[rows.Count * 64];
        for (var i = 0; i < rows.Count; i++)
        {
            var t = rows[i].Text;
            double len = Math.Max(1, t.Length);
            cols[0][i] = Math.Log(len);
            cols[1][i] = Math.Log(1 + t.Count(ch => ch == '\n'));
            cols[2][i] = t.Count(char.IsUpper) / len;
            cols[3][i] = t.Count(char.IsDigit) / len;
            cols[4][i] = 1000 * t.Count(ch => ch == '!') / len;
            cols[5][i] = t.Count(ch => ch == '$');
            cols[6][i] = Regex.Matches(t, "https?://").Count;
            cols[7][i] = t.Contains("<html", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            cols[8][i] = Regex.Matches(t, "^Received:", RegexOptions.Multiline).Count;
            cols[9][i] = t.Count(ch => ch > 127) / len;
            var body = t.IndexOf("\n\n", StringComparison.Ordinal) is var k and >= 0 ? t[k..] : t;
            var v = embedding.AsSpan(i * 64, 64);
            foreach (Match m in Regex.Matches(body.ToLowerInvariant(), "[a-z]{2,}"))
            {
                v[(int)((uint)StableHash(m.Value) % 64)] += 1;
            }

            for (var j = 0; j < 64; j++)
            {
                v[j] = MathF.Log(1 + v[j]);
            }

            var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(v, v));
            if (norm > 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
            }
        }

        var features = new Table(names.Select((n, j) => (Column)new NumericColumn(n, cols[j])));
        return new Prepared("spam", "groups *-1 vs *-2 (collected at different times)", features, new EmbeddingMatrix(embedding, rows.Count, 64),
            [.. rows.Select(r => r.Spam)],
            [.. Enumerable.Range(0, rows.Count).Where(i => rows[i].Group.EndsWith("-1", StringComparison.Ordinal))],
            [.. Enumerable.Range(0, rows.Count).Where(i => rows[i].Group.EndsWith("-2", StringComparison.Ordinal))]);
    }

    private static Prepared FashionMnist(string dir)
    {
        byte[] Gunzip(string file)
        {
            using var gz = new GZipStream(File.OpenRead(Path.Combine(dir, "images", "fashion-mnist", file)), CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gz.CopyTo(ms);
            return ms.ToArray();
        }

        var images = Gunzip("t10k-images-idx3-ubyte.gz");
        const int n = 10_000, side = 28, pool = 4, cells = side / pool;
        var random = new Random(7);
        var noisy = Enumerable.Range(0, n).Select(_ => random.Next(2) == 1).ToArray();
        var pooled = new float[n * cells * cells];
        for (var i = 0; i < n; i++)
        {
            for (var y = 0; y < side; y++)
            {
                for (var x = 0; x < side; x++)
                {
                    var v = images[16 + (i * side * side) + (y * side) + x] / 255.0;
                    if (noisy[i])
                    {
                        // Gaussian noise, sigma 0.1 of the pixel range, clipped to [0, 1].
                        var u1 = 1.0 - random.NextDouble();
                        var u2 = random.NextDouble();
                        v = Math.Clamp(v + (0.1 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2)), 0, 1);
                    }

                    pooled[(i * cells * cells) + ((y / pool) * cells) + (x / pool)] += (float)(v / (pool * pool));
                }
            }
        }

        var embedding = new EmbeddingMatrix(pooled, n, cells * cells);
        var clean = Enumerable.Range(0, n).Where(i => !noisy[i]).ToArray();
        var features = new Table(Enumerable.Range(0, cells * cells).Select(k => (Column)new NumericColumn($"pool_{k / cells}_{k % cells}", embedding.Component(k))));

        // Random halves of all rows mix clean and noisy images alike, so they do not drift (FPR); power compares clean with noisy.
        return new Prepared("fashion-mnist", "clean vs Gaussian noise (sigma 0.1), test set halves", features, embedding, null, clean, [.. Enumerable.Range(0, n).Where(i => noisy[i])]);
    }

    /// <summary>String columns with at most <paramref name="maxDistinct"/> values become categorical; others (names, free text) are dropped.</summary>
    private static Table Categorise(Table table, int maxDistinct)
    {
        var kept = new List<Column>();
        foreach (var c in table.Columns)
        {
            if (c.Schema.IsNumeric)
            {
                kept.Add(c);
            }
            else if (c is StringColumn s && s.Values.ToArray().Distinct().Count() <= maxDistinct)
            {
                kept.Add(new StringColumn(c.Name, s.Values.ToArray(), ColumnType.Categorical));
            }
        }

        return new Table(kept);
    }

    private static EmbeddingMatrix TabularEmbedding(Table table)
    {
        var parts = new List<float[]>();
        foreach (var c in table.Columns)
        {
            if (c is NumericColumn nc)
            {
                var values = nc.Values.ToArray().Where(v => !double.IsNaN(v)).ToArray();
                var mean = values.Length > 0 ? values.Average() : 0;
                var sd = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length) : 1;
                parts.Add([.. nc.Values.ToArray().Select(v => double.IsNaN(v) ? 0f : (float)((v - mean) / (sd > 0 ? sd : 1)))]);
            }
            else if (c is StringColumn sc)
            {
                foreach (var top in sc.Values.ToArray().Where(v => v is not null).GroupBy(v => v).OrderByDescending(g => g.Count()).Take(5).Select(g => g.Key))
                {
                    parts.Add([.. sc.Values.ToArray().Select(v => v == top ? 1f : 0f)]);
                }
            }
        }

        var rows = table.RowCount;
        var d = parts.Count;
        var matrix = new float[rows * d];
        for (var k = 0; k < d; k++)
        {
            for (var i = 0; i < rows; i++)
            {
                matrix[(i * d) + k] = parts[k][i];
            }
        }

        return new EmbeddingMatrix(matrix, rows, d);
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var ch in s)
            {
                h = (h ^ ch) * 16777619;
            }

            return h;
        }
    }
}
