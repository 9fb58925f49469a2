using LatentOps.Learning.Preprocessing;

namespace LatentOps.Serving.Inference;

/// <summary>
/// A forward pass of a tabular model over preprocessed rows: embeddings and, when the model has a
/// head and they are asked for, class probabilities. Implementations are safe to call from one
/// thread at a time (the micro-batcher's worker); they may use several threads inside.
/// </summary>
public interface ITabularRuntime : IDisposable
{
    /// <summary>The runtime kind.</summary>
    ServingRuntime Kind { get; }

    /// <summary>The embedding width.</summary>
    int EmbeddingDimension { get; }

    /// <summary>The number of classes of the head, or 0 without one.</summary>
    int ClassCount { get; }

    /// <summary>Runs the model over <paramref name="input"/>.</summary>
    /// <param name="input">Rows preprocessed by the model's <see cref="FittedPreprocessor"/>.</param>
    /// <param name="withProbabilities">Also compute class probabilities (ignored without a head).</param>
    /// <returns>Row-major embeddings (rows x dimension) and probabilities (rows x classes) or null.</returns>
    (float[] Embeddings, float[]? Probabilities) Run(EncodedTable input, bool withProbabilities);
}
