using System.Runtime.InteropServices;
using System.Text;

namespace LatentOps.Benchmarks.Learning;

/// <summary>Writes numpy .npy files (version 1.0, little-endian, C order) so the Python side reads exactly what C# used.</summary>
internal static class Npy
{
    public static void Write(string path, float[] values, params int[] shape) => Write(path, "<f4", MemoryMarshal.AsBytes(values.AsSpan()), shape);

    public static void Write(string path, long[] values, params int[] shape) => Write(path, "<i8", MemoryMarshal.AsBytes(values.AsSpan()), shape);

    private static void Write(string path, string dtype, ReadOnlySpan<byte> data, int[] shape)
    {
        var dims = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        var header = $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': {dims}, }}";
        var total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        using var file = File.Create(path);
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        var headerBytes = Encoding.ASCII.GetBytes(header);
        file.Write(BitConverter.GetBytes((ushort)headerBytes.Length));
        file.Write(headerBytes);
        file.Write(data);
    }
}
