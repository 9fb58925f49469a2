using System.Numerics.Tensors;
using LatentOps.Core.Errors;
using LatentOps.Monitoring.Drift.Embeddings;

namespace LatentOps.Monitoring.Screening;

/// <summary>
/// Screens new training data before retraining (the data-poisoning concern): rows far from the
/// reference in embedding space (kNN distance above a reference quantile) and labels that disagree
/// with their nearest neighbours in the new data (kNN vote). Exact brute-force neighbours.
/// </summary>
public sealed class TrainingDataScreener
{
    private readonly ScreeningOptions _options;

    /// <summary>Creates the screener; options are validated on <see cref="Screen"/>.</summary>
    public TrainingDataScreener(ScreeningOptions? options = null) => _options = options ?? new ScreeningOptions();

    /// <summary>Screens <paramref name="candidate"/> rows (with their labels, if any) against <paramref name="reference"/>.</summary>
    public ScreeningResult Screen(EmbeddingMatrix reference, EmbeddingMatrix candidate, IReadOnlyList<int>? candidateLabels = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidate);
        _options.Validate();
        var k = _options.Neighbours;
        if (reference.Dimensions != candidate.Dimensions)
        {
            throw LatentOpsException.InvalidInput($"The reference embeddings have {reference.Dimensions} components and the new ones {candidate.Dimensions}; they must match.");
        }

        if (reference.Rows <= k)
        {
            throw LatentOpsException.InvalidInput($"Screening with {k} neighbours needs more than {k} reference rows; there are {reference.Rows}.");
        }

        if (candidateLabels is not null && candidateLabels.Count != candidate.Rows)
        {
            throw LatentOpsException.InvalidInput($"There are {candidateLabels.Count} labels for {candidate.Rows} new rows; give one per row.");
        }

        // Reference scores leave-one-out, so the threshold describes how far typical rows sit from the rest.
        var referenceScores = new double[reference.Rows];
        Parallel.For(0, reference.Rows, i => referenceScores[i] = MeanNearest(reference, reference.Row(i), k, skip: i).Mean);
        Array.Sort(referenceScores);
        var threshold = Quantile(referenceScores, _options.OutlierQuantile);

        var outliers = new List<ScreenedRow>();
        var scores = new double[candidate.Rows];
        Parallel.For(0, candidate.Rows, i => scores[i] = MeanNearest(reference, candidate.Row(i), k, skip: -1).Mean);
        for (var i = 0; i < candidate.Rows; i++)
        {
            if (scores[i] > threshold)
            {
                outliers.Add(new ScreenedRow(i, "outlier", scores[i], threshold));
            }
        }

        var flips = new List<ScreenedRow>();
        if (candidateLabels is not null && candidate.Rows > k)
        {
            var found = new ScreenedRow?[candidate.Rows];
            Parallel.For(0, candidate.Rows, i =>
            {
                var neighbours = MeanNearest(candidate, candidate.Row(i), k, skip: i).Indices;
                var (label, votes) = neighbours.GroupBy(j => candidateLabels[j]).Select(g => (g.Key, g.Count())).MaxBy(g => g.Item2);
                var share = (double)votes / neighbours.Length;
                if (label != candidateLabels[i] && share >= _options.FlipAgreement)
                {
                    found[i] = new ScreenedRow(i, "suspected-label-flip", share, _options.FlipAgreement, candidateLabels[i], label);
                }
            });
            flips.AddRange(found.OfType<ScreenedRow>());
        }

        return new ScreeningResult(candidate.Rows, outliers, flips, threshold, k, _options.FlipAgreement);
    }

    private static (double Mean, int[] Indices) MeanNearest(EmbeddingMatrix set, ReadOnlySpan<float> query, int k, int skip)
    {
        var best = new PriorityQueue<int, float>(k + 1, Comparer<float>.Create((a, b) => b.CompareTo(a)));
        var diff = new float[query.Length];
        for (var j = 0; j < set.Rows; j++)
        {
            if (j == skip)
            {
                continue;
            }

            TensorPrimitives.Subtract(query, set.Row(j), diff);
            var dist = TensorPrimitives.Dot(diff, diff);
            if (best.Count < k)
            {
                best.Enqueue(j, dist);
            }
            else if (best.TryPeek(out _, out var worst) && dist < worst)
            {
                best.EnqueueDequeue(j, dist);
            }
        }

        var indices = new int[best.Count];
        var sum = 0.0;
        var n = 0;
        while (best.TryDequeue(out var j, out var dist))
        {
            indices[n++] = j;
            sum += Math.Sqrt(dist);
        }

        return (n == 0 ? 0 : sum / n, indices);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (position - lo));
    }
}
