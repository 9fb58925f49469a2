using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using LatentOps.Core.Tables;

namespace LatentOps.Data.Hashing;

/// <summary>
/// Hashes of a table's logical content, independent of any file encoding: the identity of a dataset
/// version (<see cref="Compute"/>, SHA-256) and fast per-row fingerprints for duplicate and leakage
/// checks (<see cref="RowHashes"/>).
/// </summary>
public static class TableHash
{
    private const string Magic = "latentops-table-v1";

    /// <summary>
    /// The SHA-256 (lower-case hex) of the canonical content: column names and types in order, the row
    /// count, then every value column by column (numbers as IEEE-754 doubles with one NaN and no -0,
    /// strings as UTF-8 with a null marker, dates as UTC ticks). Equal tables hash equal whatever file they came from.
    /// </summary>
    public static string Compute(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        var block = new double[4096];
        var used = 0;
        void Flush()
        {
            hash.AppendData(buffer, 0, used);
            used = 0;
        }

        void Ensure(int bytes)
        {
            if (used + bytes > buffer.Length)
            {
                Flush();
            }
        }

        void WriteInt64(long value)
        {
            Ensure(8);
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(used), value);
            used += 8;
        }

        void WriteString(string? value)
        {
            if (value is null)
            {
                WriteInt64(-1);
                return;
            }

            var bytes = Encoding.UTF8.GetByteCount(value);
            WriteInt64(bytes);
            if (bytes > buffer.Length)
            {
                Flush();
                hash.AppendData(Encoding.UTF8.GetBytes(value));
                return;
            }

            Ensure(bytes);
            used += Encoding.UTF8.GetBytes(value, buffer.AsSpan(used));
        }

        WriteString(Magic);
        WriteInt64(table.Columns.Count);
        WriteInt64(table.RowCount);
        foreach (var column in table.Columns)
        {
            WriteString(column.Name);
            WriteString(column.Type.ToString());
        }

        foreach (var column in table.Columns)
        {
            switch (column)
            {
                case NumericColumn n:
                    // In blocks, so narrow storage is read without making a double copy of the column.
                    for (var start = 0; start < n.Length; start += block.Length)
                    {
                        var values = block.AsSpan(0, Math.Min(block.Length, n.Length - start));
                        n.CopyTo(start, values);
                        foreach (var v in values)
                        {
                            WriteInt64(CanonicalBits(v));
                        }
                    }

                    break;
                case DateTimeColumn d:
                    foreach (var v in d.Values)
                    {
                        WriteInt64(v is { } t ? t.Ticks : long.MinValue);
                    }

                    break;
                case StringColumn s:
                    for (var row = 0; row < s.Length; row++)
                    {
                        WriteString(s[row]);
                    }

                    break;
                default:
                    throw new ArgumentException($"Column '{column.Name}' has an unsupported column class {column.GetType().Name}.", nameof(table));
            }
        }

        Flush();
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// A 64-bit fingerprint (XxHash3) per row over the named columns (all when null): equal rows get equal
    /// values; different rows collide with probability about 2^-64 per pair.
    /// </summary>
    public static ulong[] RowHashes(Table table, IReadOnlyList<string>? columns = null, Func<Column, int, string?>? normalise = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var selected = columns is null ? table.Columns : [.. columns.Select(c => table[c])];
        var result = new ulong[table.RowCount];
        var buffer = new byte[1024];
        for (var row = 0; row < table.RowCount; row++)
        {
            var used = 0;
            foreach (var column in selected)
            {
                if (normalise is not null)
                {
                    AppendString(ref buffer, ref used, normalise(column, row));
                    continue;
                }

                switch (column)
                {
                    case NumericColumn n:
                        AppendInt64(ref buffer, ref used, CanonicalBits(n[row]));
                        break;
                    case DateTimeColumn d:
                        AppendInt64(ref buffer, ref used, d[row] is { } t ? t.Ticks : long.MinValue);
                        break;
                    case StringColumn s:
                        AppendString(ref buffer, ref used, s[row]);
                        break;
                }
            }

            result[row] = XxHash3.HashToUInt64(buffer.AsSpan(0, used));
        }

        return result;
    }

    private static void AppendInt64(ref byte[] buffer, ref int used, long value)
    {
        if (used + 8 > buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(used), value);
        used += 8;
    }

    private static void AppendString(ref byte[] buffer, ref int used, string? value)
    {
        if (value is null)
        {
            AppendInt64(ref buffer, ref used, -1);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length) + 8;
        if (used + max > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, used + max));
        }

        var written = Encoding.UTF8.GetBytes(value, buffer.AsSpan(used + 8));
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(used), written);
        used += 8 + written;
    }

    private static long CanonicalBits(double value) =>
        double.IsNaN(value) ? 0x7FF8000000000000 : value == 0 ? 0 : BitConverter.DoubleToInt64Bits(value);
}
