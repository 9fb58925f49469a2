using System.Globalization;
using LatentOps.Evaluation.Bootstrap;
using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Probes;

/// <summary>
/// Runs the linear probe and the kNN probe on each feature set (the embedding beside raw-feature
/// baselines) with the same split, and scores them on the held-out rows with bootstrap intervals.
/// </summary>
public static class ProbeSuite
{
    /// <summary>Runs both probes on every feature set.</summary>
    /// <param name="featureSets">E.g. the embedding and the raw features.</param>
    /// <param name="trainLabels">Class index per training row.</param>
    /// <param name="testLabels">Class index per held-out row.</param>
    /// <param name="classNames">Class names in index order.</param>
    /// <param name="options">Linear probe settings.</param>
    /// <param name="k">Neighbours of the kNN probe. The default is 20.</param>
    /// <param name="bootstrap">Interval settings (defaults: 1000 resamples, seed 42).</param>
    public static IReadOnlyList<ProbeResult> Run(IReadOnlyList<ProbeFeatures> featureSets, int[] trainLabels, int[] testLabels, IReadOnlyList<string> classNames, LinearProbeOptions? options = null, int k = KnnProbe.DefaultK, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(featureSets);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(testLabels);
        ArgumentNullException.ThrowIfNull(classNames);
        var results = new List<ProbeResult>();
        foreach (var features in featureSets)
        {
            var linear = LinearProbe.Fit(features.Train, trainLabels, classNames.Count, options);
            results.Add(Score("linear", features, linear.Dimensions, $"C={linear.C.ToString("G4", CultureInfo.InvariantCulture)} ({options?.Folds ?? new LinearProbeOptions().Folds}-fold CV)", linear.PredictProbabilities(features.Test), trainLabels.Length, testLabels, classNames, bootstrap));
            var knn = KnnProbe.PredictProbabilities(features.Train, trainLabels, classNames.Count, features.Test, k);
            results.Add(Score("knn", features, linear.Dimensions, $"k={k}, cosine", knn, trainLabels.Length, testLabels, classNames, bootstrap));
        }

        return results;
    }

    /// <summary>Scores row-major probabilities against labels.</summary>
    internal static ProbeResult Score(string probe, ProbeFeatures features, int dimensions, string setting, double[] probabilities, int trainRows, int[] testLabels, IReadOnlyList<string> classNames, BootstrapOptions? bootstrap)
    {
        var set = ToPredictionSet(probabilities, testLabels, classNames);
        var names = new[] { "accuracyScore", "balancedAccuracyScore", "f1MacroScore", "rocAucScore", "logLoss" };
        var metrics = names.ToDictionary(n => n, n => MetricCatalog.Get(n).Compute(set));
        var primary = BootstrapEstimator.Estimate(set, [MetricCatalog.Primary(set.Task)], bootstrap ?? new BootstrapOptions())[0];
        return new ProbeResult(probe, features.Name, dimensions, setting, metrics, primary, trainRows, testLabels.Length);
    }

    /// <summary>A prediction set from row-major probabilities.</summary>
    public static PredictionSet ToPredictionSet(double[] probabilities, int[] labels, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        var k = classNames.Count;
        if (k == 2)
        {
            return PredictionSet.Binary(labels, [.. Enumerable.Range(0, labels.Length).Select(i => Math.Clamp(probabilities[(i * 2) + 1], 0, 1))], classNames[0], classNames[1]);
        }

        var rows = new double[labels.Length][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = probabilities.AsSpan(i * k, k).ToArray();
        }

        return PredictionSet.Multiclass(labels, rows, classNames);
    }
}
