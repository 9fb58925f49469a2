using LatentOps.Core.Errors;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Torch;
using static TorchSharp.torch;

namespace LatentOps.Learning.Images;

/// <summary>A trained image encoder: grey images of the training size in, embeddings out.</summary>
public sealed class ImageEncoderModel : IDisposable
{
    private readonly Lock gate = new();
    private readonly ImageEncoderModule encoder;

    internal ImageEncoderModel(EncoderArchitecture architecture, ImageEncoderModule encoder)
    {
        Architecture = architecture;
        this.encoder = encoder;
        encoder.eval();
    }

    /// <summary>The encoder shape (including the image size).</summary>
    public EncoderArchitecture Architecture { get; }

    /// <summary>Embeds the images.</summary>
    /// <exception cref="LatentOpsException">The images have another size than the training images.</exception>
    public Embeddings Embed(ImageSet images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Height != Architecture.ImageHeight || images.Width != Architecture.ImageWidth)
        {
            throw LatentOpsException.InvalidInput($"Images are {images.Height}x{images.Width}; the encoder was trained on {Architecture.ImageHeight}x{Architecture.ImageWidth}.");
        }

        var dim = Architecture.EmbeddingDimension;
        var output = new float[images.Count * dim];
        var size = images.Height * images.Width;
        lock (gate)
        {
            using var noGrad = no_grad();
            for (var start = 0; start < images.Count; start += 1024)
            {
                using var gcPause = GcPause.Enter();
                using var scope = NewDisposeScope();
                var count = Math.Min(1024, images.Count - start);
                var batch = tensor(images.Pixels.AsSpan(start * size, count * size).ToArray(), [count, 1, images.Height, images.Width]);
                encoder.forward(batch).contiguous().data<float>().CopyTo(output.AsSpan(start * dim, count * dim));
            }
        }

        return new Embeddings(images.Count, dim, output);
    }

    /// <summary>Frees the native memory.</summary>
    public void Dispose() => encoder.Dispose();
}
