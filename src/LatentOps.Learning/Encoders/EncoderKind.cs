namespace LatentOps.Learning.Encoders;

/// <summary>The family of an encoder network.</summary>
public enum EncoderKind
{
    /// <summary>Per-column preprocessing, category embeddings and an MLP backbone.</summary>
    Tabular,

    /// <summary>A small CNN for grey images (28x28, 8x8).</summary>
    Image,
}
