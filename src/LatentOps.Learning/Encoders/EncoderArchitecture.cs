namespace LatentOps.Learning.Encoders;

/// <summary>
/// The shape of an encoder network: enough to rebuild it before loading its weights. Part of the model
/// package manifest and of every checkpoint (a checkpoint only resumes into the same architecture).
/// </summary>
public sealed record EncoderArchitecture
{
    /// <summary>The encoder family.</summary>
    public required EncoderKind Kind { get; init; }

    /// <summary>Tabular: numeric features per row.</summary>
    public int NumericInputs { get; init; }

    /// <summary>Tabular: embedding table sizes of the categorical columns (vocabulary + unknown bucket).</summary>
    public IReadOnlyList<int> CategoryCardinalities { get; init; } = [];

    /// <summary>Tabular: embedding widths of the categorical columns.</summary>
    public IReadOnlyList<int> CategoryEmbeddingDimensions { get; init; } = [];

    /// <summary>Width of the hidden layers (tabular) or of the last convolution (image).</summary>
    public int HiddenWidth { get; init; } = 256;

    /// <summary>Tabular: number of linear layers in the backbone, the last one producing the embedding.</summary>
    public int Depth { get; init; } = 4;

    /// <summary>The width of the embedding the encoder outputs.</summary>
    public int EmbeddingDimension { get; init; } = 64;

    /// <summary>Tabular: LayerNorm after each hidden linear layer.</summary>
    public bool LayerNorm { get; init; }

    /// <summary>Tabular: dropout probability after each hidden activation.</summary>
    public double Dropout { get; init; }

    /// <summary>Image: height in pixels.</summary>
    public int ImageHeight { get; init; }

    /// <summary>Image: width in pixels.</summary>
    public int ImageWidth { get; init; }

    /// <summary>
    /// Image: the layer layout of the CNN. 0 (packages written before layouts were numbered) and 1: three
    /// 3x3 convolutions with ReLU, global average pooling, a linear output layer. 2: four 3x3
    /// convolutions, each followed by BatchNorm2d and ReLU, average pooling to an
    /// <see cref="ImagePool"/> x <see cref="ImagePool"/> grid, flatten, a linear output layer.
    /// </summary>
    public int ImageNetwork { get; init; }

    /// <summary>Image, layout 2: the side of the grid the last convolution is average-pooled to (1 = global average pooling).</summary>
    public int ImagePool { get; init; }

    /// <summary>A canonical text form, used to compare architectures (records compare lists by reference).</summary>
    public string Describe() =>
        $"{Kind}|in={NumericInputs}|cards={string.Join(',', CategoryCardinalities)}|cdims={string.Join(',', CategoryEmbeddingDimensions)}|h={HiddenWidth}|d={Depth}|e={EmbeddingDimension}|ln={LayerNorm}|do={Dropout}|img={ImageHeight}x{ImageWidth}"
        + (Kind == EncoderKind.Image ? $"|net={Math.Max(ImageNetwork, 1)}|pool={ImagePool}" : string.Empty);
}
