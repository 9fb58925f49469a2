using LatentOps.Evaluation.Probes;
using LatentOps.Learning.Tuning;

namespace LatentOps.Evaluation.Tuning;

/// <summary>
/// The evaluation library's representation scores as LatentOps.Learning's <see cref="IRepresentationScorer"/>,
/// for <see cref="EncoderTuner"/>: the validation linear probe (L2 logistic regression, C by CV), the
/// cosine kNN probe (both the primary metric: ROC-AUC for two classes, macro F1 for more), and the
/// label-free RankMe.
/// </summary>
public static class RepresentationScorers
{
    /// <summary>The scorer names the tuner accepts, in the order of <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["linear", "knn", "rankme"];

    /// <summary>The linear probe's held-out primary metric (needs labels).</summary>
    public static IRepresentationScorer LinearProbe(LinearProbeOptions? options = null) => new ProbeScorer(ProbeKind.Linear, options, Probes.KnnProbe.DefaultK);

    /// <summary>The cosine kNN probe's held-out primary metric (needs labels).</summary>
    public static IRepresentationScorer KnnProbe(int k = Probes.KnnProbe.DefaultK) =>
        k is >= 1 and <= 1000 ? new ProbeScorer(ProbeKind.Knn, null, k) : throw new ArgumentOutOfRangeException(nameof(k), k, "k must be 1 to 1000.");

    /// <summary>RankMe of the validation embeddings (label-free).</summary>
    public static IRepresentationScorer RankMe() => new RankMeScorer();

    /// <summary>The scorer called <paramref name="name"/> (see <see cref="Names"/>); <see cref="ArgumentException"/> listing the names when unknown.</summary>
    public static IRepresentationScorer Create(string name) => name.ToLowerInvariant() switch
    {
        "linear" => LinearProbe(),
        "knn" => KnnProbe(),
        "rankme" => RankMe(),
        _ => throw new ArgumentException($"Unknown scorer '{name}'; allowed: {string.Join(", ", Names)}.", nameof(name)),
    };
}
