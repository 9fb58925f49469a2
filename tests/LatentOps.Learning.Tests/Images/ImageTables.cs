using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using LatentOps.Core.Tables;

namespace LatentOps.Learning.Tests.Images;

/// <summary>
/// Real images as the data layer stores them (pixel_0 ... integer columns, row-major, and a label
/// column): the Fashion-MNIST slice in Fixtures/fashion-mnist-500 (MIT) and the 8x8 digits (BSD-3-Clause).
/// </summary>
internal static class ImageTables
{
    public static string FashionFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fashion-mnist-500");

    public static Table Fashion(int rows, int skip = 0)
    {
        var images = Idx(Path.Combine(FashionFolder, "train-images-idx3-ubyte.gz"), out var dims);
        var labels = Idx(Path.Combine(FashionFolder, "train-labels-idx1-ubyte.gz"), out _);
        var size = dims[1] * dims[2];
        var columns = new List<Column>();
        for (var p = 0; p < size; p++)
        {
            var values = new double[rows];
            for (var r = 0; r < rows; r++)
            {
                values[r] = images[((skip + r) * size) + p];
            }

            columns.Add(new NumericColumn(string.Create(CultureInfo.InvariantCulture, $"pixel_{p}"), values, ColumnType.Integer));
        }

        columns.Add(new NumericColumn("label", [.. labels.Skip(skip).Take(rows).Select(b => (double)b)], ColumnType.Integer));
        return new Table(columns);
    }

    public static Table Digits()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "digits-300.csv")).Where(l => !l.StartsWith('#')).Select(l => l.Split(',')).ToArray();
        var columns = new List<Column>();
        for (var p = 0; p <= 64; p++)
        {
            var name = p == 64 ? "label" : string.Create(CultureInfo.InvariantCulture, $"pixel_{p}");
            columns.Add(new NumericColumn(name, [.. lines.Select(c => double.Parse(c[p], CultureInfo.InvariantCulture))], ColumnType.Integer));
        }

        return new Table(columns);
    }

    private static byte[] Idx(string path, out int[] dims)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        var bytes = buffer.ToArray();
        dims = new int[bytes[3]];
        for (var i = 0; i < dims.Length; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + (4 * i)));
        }

        return bytes[(4 + (4 * dims.Length))..];
    }
}
