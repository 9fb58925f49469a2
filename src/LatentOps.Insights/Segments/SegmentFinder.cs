using System.Globalization;
using LatentOps.Core.Progress;
using LatentOps.Insights.Analysis;
using LatentOps.Insights.Customers;

namespace LatentOps.Insights.Segments;

/// <summary>
/// Groups customers by k-means on their embeddings, trying each segment count in the allowed range and
/// keeping the one with the best silhouette, then describes each segment against all customers.
/// </summary>
internal static class SegmentFinder
{
    /// <summary>Silhouettes are computed on at most this many customers (a seeded sample), which keeps them O(n) in time.</summary>
    public const int SilhouetteSample = 2000;

    public static (int[] Labels, double[][] Centroids, IReadOnlyList<SegmentCountScore> Scores) Find(
        double[][] embeddings, SalesInsightsOptions options, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var n = embeddings.Length;
        var maxK = Math.Min(options.MaxSegments, Math.Max(2, n / 5));
        var minK = Math.Min(options.MinSegments, maxK);
        var sample = Enumerable.Range(0, n).ToArray();
        if (n > SilhouetteSample)
        {
            new Random(options.Seed).Shuffle(sample);
            sample = sample[..SilhouetteSample];
            Array.Sort(sample);
        }

        var sampled = sample.Select(i => embeddings[i]).ToArray();
        var scores = new List<SegmentCountScore>();
        (int[] Labels, double[][] Centroids)? best = null;
        var bestScore = double.NegativeInfinity;
        for (var k = minK; k <= maxK; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (labels, centroids, _) = KMeans.Fit(embeddings, k, options.Seed);
            var score = Silhouette.Score(sampled, [.. sample.Select(i => labels[i])], k);
            scores.Add(new SegmentCountScore(k, score));
            if (score > bestScore + 1e-9)
            {
                bestScore = score;
                best = (labels, centroids);
            }

            progress?.Report(new ProgressUpdate(SalesInsightsStages.Segments, k - minK + 1, maxK - minK + 1,
                string.Create(CultureInfo.InvariantCulture, $"trying {k} segments (fit score {score:F3})")));
        }

        return (best!.Value.Labels, best.Value.Centroids, scores);
    }

    /// <summary>Each dimension scaled to mean 0 and standard deviation 1.</summary>
    public static double[][] Standardise(double[][] embeddings)
    {
        var d = embeddings[0].Length;
        var mean = new double[d];
        var std = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] = embeddings.Average(e => e[j]);
            std[j] = Math.Max(Math.Sqrt(embeddings.Average(e => (e[j] - mean[j]) * (e[j] - mean[j]))), 1e-9);
        }

        return [.. embeddings.Select(e => Enumerable.Range(0, d).Select(j => (e[j] - mean[j]) / std[j]).ToArray())];
    }

    public static IReadOnlyList<CustomerPoint> Map(CustomerProfiles profiles, double[][] embeddings, int[] labels)
    {
        var (x, y) = Pca2.Project(embeddings);
        return [.. Enumerable.Range(0, embeddings.Length).Select(i => new CustomerPoint(profiles.Ids[i], labels[i] + 1, Math.Round(x[i], 4), Math.Round(y[i], 4)))];
    }
}
