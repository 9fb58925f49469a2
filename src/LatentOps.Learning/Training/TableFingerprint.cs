using System.Security.Cryptography;
using System.Text;
using LatentOps.Core.Tables;

namespace LatentOps.Learning.Training;

/// <summary>A SHA-256 over a table's column names, types and values: same data, same hash.</summary>
internal static class TableFingerprint
{
    public static string Of(Table table)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[9];
        foreach (var column in table.Columns)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{column.Name}\u0000{column.Type}\u0000{column.Length}\u0000"));
            switch (column)
            {
                case NumericColumn n:
                    hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(n.Values));
                    break;
                case StringColumn s:
                    foreach (var v in s.Values)
                    {
                        hash.AppendData(v is null ? "\u0001\u0000"u8 : Encoding.UTF8.GetBytes(v + "\u0000"));
                    }

                    break;
                case DateTimeColumn d:
                    foreach (var v in d.Values)
                    {
                        buffer[0] = v is null ? (byte)0 : (byte)1;
                        BitConverter.TryWriteBytes(buffer[1..], v?.Ticks ?? 0);
                        hash.AppendData(buffer);
                    }

                    break;
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
