using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Preprocessing;
using LatentOps.Learning.Torch;
using static TorchSharp.torch;

namespace LatentOps.Learning.Images;

/// <summary>
/// A trained image encoder: the pixel preprocessing fitted at training time (which columns, which
/// scale), the CNN and, for supervised models, the classification head. Grey images of the training
/// size in, embeddings (and class probabilities) out. Save and load it with <see cref="Packaging.ModelPackage"/>.
/// </summary>
public sealed class ImageEncoderModel : IEncoderModel
{
    private const int InferenceBatch = 1024;
    private readonly Lock gate = new();
    private bool disposed;

    internal ImageEncoderModel(
        FittedPreprocessor preprocessor,
        EncoderArchitecture architecture,
        ImageEncoderModule encoder,
        nn.Module<Tensor, Tensor>? classifier,
        IReadOnlyList<string>? classes,
        string? labelColumn,
        TrainingObjective objective,
        string? trainingDatasetHash)
    {
        Preprocessor = preprocessor;
        Architecture = architecture;
        Encoder = encoder;
        Classifier = classifier;
        Classes = classes;
        LabelColumn = labelColumn;
        Objective = objective;
        TrainingDatasetHash = trainingDatasetHash;
        Encoder.eval();
        Classifier?.eval();
    }

    /// <summary>The encoder shape (including the image size).</summary>
    public EncoderArchitecture Architecture { get; }

    /// <summary>The pixel columns and the scale their values are divided by.</summary>
    public FittedPreprocessor Preprocessor { get; }

    /// <summary>The value a pixel is divided by before it enters the network (e.g. 255).</summary>
    public double PixelScale => ImagePreprocessing.ScaleOf(Preprocessor);

    /// <summary>The embedding width.</summary>
    public int EmbeddingDimension => Architecture.EmbeddingDimension;

    /// <summary>The class names of the head, or null for a self-supervised model.</summary>
    public IReadOnlyList<string>? Classes { get; }

    /// <summary>The label column the head was trained on, if any.</summary>
    public string? LabelColumn { get; }

    /// <summary>The objective the encoder was (last) trained with.</summary>
    public TrainingObjective Objective { get; }

    /// <summary>SHA-256 of the training table's content, when known.</summary>
    public string? TrainingDatasetHash { get; }

    internal ImageEncoderModule Encoder { get; }

    internal nn.Module<Tensor, Tensor>? Classifier { get; }

    /// <summary>The images in <paramref name="table"/>'s pixel columns, scaled as in training.</summary>
    /// <exception cref="LatentOpsException">A pixel column is missing or not numeric.</exception>
    public ImageSet Images(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return ImagePreprocessing.Images(Preprocessor, table, Architecture.ImageHeight, Architecture.ImageWidth);
    }

    /// <summary>Embeds the images in the pixel columns of <paramref name="table"/>.</summary>
    /// <exception cref="LatentOpsException">A pixel column is missing or not numeric.</exception>
    public Embeddings Embed(Table table) => Embed(Images(table));

    /// <summary>Embeds already scaled images.</summary>
    /// <exception cref="LatentOpsException">The images have another size than the training images.</exception>
    public Embeddings Embed(ImageSet images)
    {
        var dim = EmbeddingDimension;
        return new Embeddings(images.Count, dim, Run(images, dim, static (model, x) => model.Encoder.forward(x)));
    }

    /// <summary>Class probabilities, row-major rows x <see cref="Classes"/>.Count.</summary>
    /// <exception cref="LatentOpsException">The model has no classification head, or a pixel column is missing.</exception>
    public float[] PredictProbabilities(Table table)
    {
        if (Classifier is null || Classes is null)
        {
            throw LatentOpsException.InvalidState("This image model has no classification head (it was trained self-supervised with simclr); train it with --objective supervised and a label, e.g. latentops train DATA --objective supervised --from RUN.");
        }

        return Run(Images(table), Classes.Count, static (model, x) => nn.functional.softmax(model.Classifier!.forward(model.Encoder.forward(x)), 1));
    }

    /// <summary>
    /// Embeddings and, with <paramref name="withProbabilities"/> and a head, class probabilities of
    /// already scaled images in one forward pass (the server's reference runtime).
    /// </summary>
    /// <exception cref="LatentOpsException">The images have another size than the training images.</exception>
    public (float[] Embeddings, float[]? Probabilities) Infer(ImageSet images, bool withProbabilities)
    {
        var dim = EmbeddingDimension;
        if (!withProbabilities || Classifier is null || Classes is null)
        {
            return (Run(images, dim, static (model, x) => model.Encoder.forward(x)), null);
        }

        var classes = Classes.Count;
        var both = Run(images, dim + classes, static (model, x) =>
        {
            var embedding = model.Encoder.forward(x);
            return cat([embedding, nn.functional.softmax(model.Classifier!.forward(embedding), 1)], 1);
        });
        return JointOutput.Split(both, images.Count, dim, classes);
    }

    /// <summary>Frees the native memory.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            Encoder.Dispose();
            Classifier?.Dispose();
        }
    }

    private float[] Run(ImageSet images, int width, Func<ImageEncoderModel, Tensor, Tensor> forward)
    {
        ArgumentNullException.ThrowIfNull(images);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (images.Height != Architecture.ImageHeight || images.Width != Architecture.ImageWidth)
        {
            throw LatentOpsException.InvalidInput($"Images are {images.Height}x{images.Width}; the encoder was trained on {Architecture.ImageHeight}x{Architecture.ImageWidth}.");
        }

        var output = new float[(long)images.Count * width];
        var size = images.Height * images.Width;
        lock (gate)
        {
            using var noGrad = no_grad();
            for (var start = 0; start < images.Count; start += InferenceBatch)
            {
                using var gcPause = GcPause.Enter();
                using var scope = NewDisposeScope();
                var count = Math.Min(InferenceBatch, images.Count - start);
                var batch = tensor(images.Pixels.AsSpan(start * size, count * size).ToArray(), [count, 1, images.Height, images.Width]);
                forward(this, batch).contiguous().data<float>().CopyTo(output.AsSpan(start * width, count * width));
            }
        }

        return output;
    }
}
