using LatentOps.Core.Errors;

namespace LatentOps.Monitoring.Drift.Embeddings;

internal static class EmbeddingGuards
{
    public static void Compatible(EmbeddingMatrix reference, EmbeddingMatrix current, int minimumRows)
    {
        if (reference.Dimensions != current.Dimensions)
        {
            throw LatentOpsException.InvalidInput($"The reference embeddings have {reference.Dimensions} components and the current ones {current.Dimensions}; they must match (same encoder).");
        }

        if (reference.Rows < minimumRows || current.Rows < minimumRows)
        {
            throw LatentOpsException.InvalidInput($"The embedding drift test needs at least {minimumRows} rows on each side; reference has {reference.Rows}, current {current.Rows}.");
        }
    }
}
