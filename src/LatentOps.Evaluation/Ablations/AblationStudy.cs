using LatentOps.Core.Progress;
using MathNet.Numerics.Distributions;

namespace LatentOps.Evaluation.Ablations;

/// <summary>
/// Changes one factor at a time from a base configuration, reruns training and scoring over the same
/// seeds, and reports each variant's mean with a t-interval and its paired difference to the base.
/// Training is the caller's function, so any trainer (LatentOps.Learning or other) can be ablated.
/// </summary>
public static class AblationStudy
{
    /// <summary>Runs the study.</summary>
    /// <param name="baseSettings">The base configuration.</param>
    /// <param name="factors">Factors to vary, one at a time.</param>
    /// <param name="seeds">Seeds (at least 2 for intervals; 3 to 5 is usual).</param>
    /// <param name="metric">Name of the metric the function returns.</param>
    /// <param name="trainAndScore">Trains with the settings and seed and returns the metric on held-out data.</param>
    /// <param name="confidence">Interval coverage. The default is 0.95.</param>
    /// <param name="progress">One report per training run.</param>
    /// <param name="cancellationToken">Stops between runs.</param>
    public static async Task<AblationResult> RunAsync(
        IReadOnlyDictionary<string, string> baseSettings,
        IReadOnlyList<AblationFactor> factors,
        IReadOnlyList<int> seeds,
        string metric,
        Func<IReadOnlyDictionary<string, string>, int, CancellationToken, Task<double>> trainAndScore,
        double confidence = 0.95,
        IProgress<ProgressUpdate>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseSettings);
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(trainAndScore);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("At least one seed is needed.", nameof(seeds));
        }

        if (!(confidence > 0.5 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be between 0.5 and 1.");
        }

        var total = seeds.Count * (1 + factors.Sum(f => f.Values.Count));
        var done = 0;
        async Task<double[]> Scores(IReadOnlyDictionary<string, string> settings, string label)
        {
            var scores = new double[seeds.Count];
            for (var s = 0; s < seeds.Count; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                scores[s] = await trainAndScore(settings, seeds[s], cancellationToken).ConfigureAwait(false);
                progress?.Report(new ProgressUpdate("ablation", ++done, total, $"{label}, seed {seeds[s]}: {metric} {scores[s]:G4}"));
            }

            return scores;
        }

        var baseScores = await Scores(baseSettings, "base").ConfigureAwait(false);
        var baseVariant = Summarise(null, null, baseSettings, baseScores, baseScores, confidence);
        var variants = new List<AblationVariant>();
        foreach (var factor in factors)
        {
            foreach (var value in factor.Values)
            {
                var settings = new Dictionary<string, string>(baseSettings, StringComparer.Ordinal) { [factor.Name] = value };
                var scores = await Scores(settings, $"{factor.Name}={value}").ConfigureAwait(false);
                variants.Add(Summarise(factor.Name, value, settings, scores, baseScores, confidence));
            }
        }

        var warnings = new List<string>();
        if (seeds.Count < 3)
        {
            warnings.Add($"Only {seeds.Count} seed(s): intervals are {(seeds.Count < 2 ? "undefined" : "very wide")}; use 3 to 5 seeds to tell variants apart.");
        }

        return new AblationResult(metric, seeds, confidence, baseVariant, variants, warnings);
    }

    /// <summary>Mean with its t-interval: (mean, lower, upper); NaN ends with fewer than 2 values.</summary>
    public static (double Mean, double Lower, double Upper) TInterval(IReadOnlyList<double> values, double confidence)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        var mean = values.Average();
        if (n < 2)
        {
            return (mean, double.NaN, double.NaN);
        }

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var t = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - confidence) / 2));
        var half = t * sd / Math.Sqrt(n);
        return (mean, mean - half, mean + half);
    }

    private static AblationVariant Summarise(string? factor, string? value, IReadOnlyDictionary<string, string> settings, double[] scores, double[] baseScores, double confidence)
    {
        var (mean, lower, upper) = TInterval(scores, confidence);
        var differences = scores.Zip(baseScores, (a, b) => a - b).ToArray();
        var (difference, dLower, dUpper) = factor is null ? (0.0, 0.0, 0.0) : TInterval(differences, confidence);
        var significant = factor is not null && !double.IsNaN(dLower) && (dLower > 0 || dUpper < 0);
        return new AblationVariant(factor, value, settings, scores, mean, lower, upper, difference, dLower, dUpper, significant);
    }
}
