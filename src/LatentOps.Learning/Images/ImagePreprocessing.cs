using LatentOps.Core.Tables;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Learning.Images;

/// <summary>
/// The fitted preprocessing of an image encoder, expressed as a <see cref="FittedPreprocessor"/> so it
/// travels in the model package like a tabular one: every pixel column is a numeric input divided by
/// one pixel scale (Center 0, no missing indicator; a missing pixel is 0) and clipped to [-1, 1].
/// The scale is the option when given, else the smallest of 1, 16, 255 and 65535 that is at least
/// the largest training pixel (255 for 8-bit images such as Fashion-MNIST, 16 for the 8x8 digits).
/// </summary>
internal static class ImagePreprocessing
{
    private static readonly double[] CommonScales = [1, 16, 255, 65535];

    public static FittedPreprocessor Fit(Table train, ImageLayout layout, double? pixelScale)
    {
        var scale = pixelScale ?? ScaleOf(train, layout);
        return new FittedPreprocessor
        {
            Columns = [.. layout.PixelColumns.Select(name => new ColumnEncoding
            {
                Column = name,
                SourceType = train[name].Type,
                Kind = ColumnEncodingKind.Numeric,
                Center = 0,
                Scale = scale,
                MissingIndicator = false,
            })],
            ClipValue = 1,
        };
    }

    /// <summary>The pixel scale of a fitted image preprocessing.</summary>
    public static double ScaleOf(FittedPreprocessor preprocessor) => preprocessor.Columns.Count == 0 ? 1 : preprocessor.Columns[0].Scale;

    /// <summary>The images of <paramref name="table"/> as the encoder sees them.</summary>
    public static ImageSet Images(FittedPreprocessor preprocessor, Table table, int height, int width)
    {
        var encoded = preprocessor.Transform(table);
        return new ImageSet(encoded.Rows, height, width, encoded.Numeric);
    }

    private static double ScaleOf(Table train, ImageLayout layout)
    {
        double max = 0;
        foreach (var name in layout.PixelColumns)
        {
            foreach (var v in ((NumericColumn)train[name]).Values)
            {
                if (v > max)
                {
                    max = v;
                }
            }
        }

        foreach (var scale in CommonScales)
        {
            if (max <= scale)
            {
                return scale;
            }
        }

        return max;
    }
}
