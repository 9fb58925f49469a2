using System.Buffers.Binary;
using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Progress;
using LatentOps.Core.Tables;

namespace LatentOps.Data.Reading;

/// <summary>
/// Reads IDX files (MNIST, Fashion-MNIST): unsigned-byte tensors with a big-endian header. An image file
/// (n x rows x cols) becomes one integer column per pixel (<c>pixel_0</c> ... row-major); a label file (n)
/// becomes one <c>label</c> column; an image file with a labels file beside it gets both.
/// </summary>
internal static class IdxTableReader
{
    public static Table Read(string path, TableReadOptions options, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var context = new ReadContext(path);
        var (dims, data) = ReadTensor(path, context, progress, cancellationToken);
        var columns = new List<Column>();
        if (dims.Length == 1)
        {
            columns.Add(LabelColumn(data));
        }
        else
        {
            var rows = dims[0];
            var width = dims.Skip(1).Aggregate(1, (a, b) => checked(a * b));
            for (var p = 0; p < width; p++)
            {
                // One byte a pixel, as in the file (not 8 as doubles): Fashion-MNIST's 60,000 x 784 stays 47 MB.
                var values = new byte[rows];
                for (var r = 0; r < rows; r++)
                {
                    values[r] = data[((long)r * width) + p];
                }

                columns.Add(NumericColumn.FromScaled(string.Create(CultureInfo.InvariantCulture, $"pixel_{p}"), values, 0, null, ColumnType.Integer));
            }

            var labels = options.IdxLabelsPath ?? SiblingLabels(path);
            if (labels is not null)
            {
                var labelContext = new ReadContext(labels);
                var (labelDims, labelData) = ReadTensor(labels, labelContext, null, cancellationToken);
                if (labelDims.Length != 1 || labelDims[0] != rows)
                {
                    throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture,
                        $"'{labels}': row 0 (header): the labels file holds {labelDims[0]} items but the images file '{path}' holds {rows}; they must match."));
                }

                columns.Add(LabelColumn(labelData));
            }
        }

        var table = new Table(columns);
        TableAssembler.CheckNamedColumnsExist(context, options, [.. table.Columns.Select(c => c.Name)]);
        return table;
    }

    private static NumericColumn LabelColumn(byte[] data) => NumericColumn.FromScaled("label", data, 0, null, ColumnType.Integer);

    private static string? SiblingLabels(string path)
    {
        var name = Path.GetFileName(path);
        if (!name.Contains("images-idx3", StringComparison.Ordinal))
        {
            return null;
        }

        var sibling = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, name.Replace("images-idx3", "labels-idx1", StringComparison.Ordinal));
        return File.Exists(sibling) ? sibling : null;
    }

    private static (int[] Dims, byte[] Data) ReadTensor(string path, ReadContext context, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        using var input = InputFile.Open(path);
        Span<byte> magic = stackalloc byte[4];
        if (input.Content.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4)
        {
            throw LatentOpsException.InvalidInput($"'{path}' is empty or truncated: row 0 (header) needs a 4-byte IDX magic number.");
        }

        if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08 || magic[3] is < 1 or > 4)
        {
            throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture,
                $"'{path}': row 0 (header): the magic number 0x{magic[0]:X2}{magic[1]:X2}{magic[2]:X2}{magic[3]:X2} is not an unsigned-byte IDX file (expected 0x000008 followed by 1 to 4 dimensions)."));
        }

        var dims = new int[magic[3]];
        Span<byte> word = stackalloc byte[4];
        for (var i = 0; i < dims.Length; i++)
        {
            if (input.Content.ReadAtLeast(word, 4, throwOnEndOfStream: false) < 4)
            {
                throw LatentOpsException.InvalidInput($"'{path}': row 0 (header): truncated before dimension {i + 1}.");
            }

            dims[i] = BinaryPrimitives.ReadInt32BigEndian(word);
            if (dims[i] <= 0)
            {
                throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture, $"'{path}': row 0 (header): dimension {i + 1} is {dims[i]}; dimensions must be positive."));
            }
        }

        var total = dims.Aggregate(1L, (a, b) => a * b);
        if (total > Array.MaxLength)
        {
            throw LatentOpsException.InvalidInput($"'{path}': the tensor holds {total:N0} bytes, more than one array can.");
        }

        var data = new byte[total];
        var read = 0;
        while (read < data.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = input.Content.Read(data, read, Math.Min(1 << 20, data.Length - read));
            if (n == 0)
            {
                var rowSize = total / dims[0];
                context.Row = (read / rowSize) + 1;
                throw context.Error(null, string.Create(CultureInfo.InvariantCulture, $"the file ends after {read:N0} of {total:N0} data bytes (truncated)."));
            }

            read += n;
            progress?.Report(new ProgressUpdate("read", input.File.Position, input.File.Length));
        }

        return (dims, data);
    }
}
