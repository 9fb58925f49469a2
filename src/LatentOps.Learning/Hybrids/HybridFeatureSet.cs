namespace LatentOps.Learning.Hybrids;

/// <summary>Which features the learner sees.</summary>
public enum HybridFeatureSet
{
    /// <summary>The raw features only (the baseline): fitted numeric features with missing flags, one-hot categories.</summary>
    Raw,

    /// <summary>The encoder's embedding only.</summary>
    Embedding,

    /// <summary>Raw features and the embedding side by side (the hybrid).</summary>
    RawAndEmbedding,
}
