using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Learning.Images;

/// <summary>
/// Where a table holds grey images: the data layer stores an image of H x W pixels as the numeric
/// columns <c>pixel_0</c> ... <c>pixel_{H*W-1}</c> (row-major, as IDX files are read). Square images
/// only (28x28 Fashion-MNIST, 8x8 digits), since a column list does not carry the shape.
/// </summary>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="PixelColumns">The pixel columns in row-major order.</param>
public sealed record ImageLayout(int Height, int Width, IReadOnlyList<string> PixelColumns)
{
    /// <summary>The prefix of pixel column names.</summary>
    public const string PixelPrefix = "pixel_";

    /// <summary>
    /// The image layout of <paramref name="table"/>, or null when it has no <c>pixel_0</c> column (a
    /// plain table).
    /// </summary>
    /// <exception cref="LatentOpsException">There is a pixel_0 column but the pixel columns are not pixel_0..pixel_{n-1}, not numeric, or n is not a square of at least 4x4.</exception>
    public static ImageLayout? Detect(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.Contains(PixelPrefix + "0"))
        {
            return null;
        }

        var pixels = table.Columns.Where(c => c.Name.StartsWith(PixelPrefix, StringComparison.Ordinal)).ToList();

        var names = new string[pixels.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = string.Create(CultureInfo.InvariantCulture, $"{PixelPrefix}{i}");
            if (!table.TryGetColumn(names[i], out var column))
            {
                throw LatentOpsException.InvalidInput($"The data has {pixels.Count} pixel columns but no column '{names[i]}'; images need pixel_0 ... pixel_{pixels.Count - 1} (row-major).");
            }

            if (column is not NumericColumn)
            {
                throw LatentOpsException.InvalidInput($"Column '{names[i]}' has type {column.Type}; pixel columns must be numeric.");
            }
        }

        var side = (int)Math.Round(Math.Sqrt(pixels.Count));
        if (side * side != pixels.Count || side < 4)
        {
            throw LatentOpsException.InvalidInput($"The data has {pixels.Count} pixel columns; image encoders take square grey images of at least 4x4 pixels (e.g. 64 = 8x8, 784 = 28x28).");
        }

        return new ImageLayout(side, side, names);
    }
}
