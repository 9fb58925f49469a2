using LatentOps.Core.Errors;

namespace LatentOps.Learning.Images;

/// <summary>
/// Grey images of one size, pixel values scaled to [0, 1], row-major per image, with optional labels.
/// (IDX files and 8x8 digit CSVs both map to this.)
/// </summary>
public sealed record ImageSet
{
    /// <summary>Creates the set; throws <see cref="LatentOpsException"/> when sizes disagree.</summary>
    public ImageSet(int count, int height, int width, float[] pixels, int[]? labels = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (height < 4 || width < 4)
        {
            throw LatentOpsException.InvalidInput($"Images are {height}x{width}; allowed: at least 4x4.");
        }

        if ((long)count * height * width != pixels.Length)
        {
            throw LatentOpsException.InvalidInput($"{count} images of {height}x{width} need {(long)count * height * width} pixels; got {pixels.Length}.");
        }

        if (labels is not null && labels.Length != count)
        {
            throw LatentOpsException.InvalidInput($"{count} images but {labels.Length} labels.");
        }

        Count = count;
        Height = height;
        Width = width;
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Count x Height x Width values in [0, 1].</summary>
    public float[] Pixels { get; }

    /// <summary>Optional class labels, one per image.</summary>
    public int[]? Labels { get; }

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public ImageSet Take(ReadOnlySpan<int> indices)
    {
        var size = Height * Width;
        var pixels = new float[indices.Length * size];
        var labels = Labels is null ? null : new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            Pixels.AsSpan(indices[i] * size, size).CopyTo(pixels.AsSpan(i * size));
            if (labels is not null)
            {
                labels[i] = Labels![indices[i]];
            }
        }

        return new ImageSet(indices.Length, Height, Width, pixels, labels);
    }
}
