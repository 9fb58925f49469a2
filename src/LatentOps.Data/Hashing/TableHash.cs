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
                    foreach (var v in n.Values)
                    {
                        WriteInt64(CanonicalBits(v));
                    }

                    break;
                case DateTimeColumn d:
                    foreach (var v in d.Values)
                    {
                        WriteInt64(v is { } t ? t.Ticks : long.MinValue);
                    }

                    break;
                case StringColumn s:
                    foreach (var v in s.Values)
                    {
                        WriteString(v);
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
        var scratch = new byte[256];
        Span<byte> word = stackalloc byte[8];
        for (var row = 0; row < table.RowCount; row++)
        {
            var hasher = new XxHash3();
            foreach (var column in selected)
            {
                if (normalise is not null)
                {
                    AppendString(hasher, normalise(column, row), ref scratch);
                    continue;
                }

                switch (column)
                {
                    case NumericColumn n:
                        BinaryPrimitives.WriteInt64LittleEndian(word, CanonicalBits(n[row]));
                        hasher.Append(word);
                        break;
                    case DateTimeColumn d:
                        BinaryPrimitives.WriteInt64LittleEndian(word, d[row] is { } t ? t.Ticks : long.MinValue);
                        hasher.Append(word);
                        break;
                    case StringColumn s:
                        AppendString(hasher, s[row], ref scratch);
                        break;
                }
            }

            result[row] = hasher.GetCurrentHashAsUInt64();
        }

        return result;
    }

    private static void AppendString(XxHash3 hasher, string? value, ref byte[] scratch)
    {
        Span<byte> word = stackalloc byte[8];
        if (value is null)
        {
            BinaryPrimitives.WriteInt64LittleEndian(word, -1);
            hasher.Append(word);
            return;
        }

        var count = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (scratch.Length < count)
        {
            scratch = new byte[count];
        }

        var written = Encoding.UTF8.GetBytes(value, scratch);
        BinaryPrimitives.WriteInt64LittleEndian(word, written);
        hasher.Append(word);
        hasher.Append(scratch.AsSpan(0, written));
    }

    private static long CanonicalBits(double value) =>
        double.IsNaN(value) ? 0x7FF8000000000000 : value == 0 ? 0 : BitConverter.DoubleToInt64Bits(value);
}
