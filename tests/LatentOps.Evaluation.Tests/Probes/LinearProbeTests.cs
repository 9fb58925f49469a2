using System.Text.Json;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.Tests.Metrics;

namespace LatentOps.Evaluation.Tests.Probes;

public sealed class LinearProbeTests
{
    private static JsonElement Logistic => SklearnFixtureDocument.Root.GetProperty("logistic");

    [Fact]
    public void Fit_IrisFixedC_ReachesTheOptimumOfSklearnObjective()
    {
        var x = Floats(Logistic.GetProperty("features"));
        var y = Logistic.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var optimum = Flatten(Logistic.GetProperty("optimumProbabilities"));
        var sklearn = Flatten(Logistic.GetProperty("probabilities"));

        var model = LinearProbe.Fit(x, y, 3, new LinearProbeOptions { CandidateCs = [0.5], Tolerance = 1e-9, MaxIterations = 5000 });
        var actual = model.PredictProbabilities(x);

        // The exact optimum of scikit-learn's objective (scipy BFGS, gtol 1e-10): features pass through float32.
        Assert.All(optimum.Zip(actual), p => Assert.Equal(p.First, p.Second, 2e-6));
        // scikit-learn's own lbfgs stops ~1e-8 short of that optimum (its ftol), so its probabilities differ by ~1e-5.
        Assert.All(sklearn.Zip(actual), p => Assert.Equal(p.First, p.Second, 1e-4));
    }

    private static double[] Flatten(JsonElement rows) => [.. rows.EnumerateArray().SelectMany(r => r.EnumerateArray().Select(e => e.GetDouble()))];

    [Fact]
    public void Fit_SeveralCs_ChoosesByCrossValidationAndRecordsEach()
    {
        var (x, y) = Separable(300, noise: 1.5, seed: 4);

        var model = LinearProbe.Fit(x, y, 2, new LinearProbeOptions { CandidateCs = [1e-4, 1, 100], Folds = 3 });

        Assert.Equal(3, model.Candidates.Count);
        Assert.Equal(model.Candidates.MinBy(c => c.CrossValidatedLoss)!.C, model.C);
        Assert.NotEqual(1e-4, model.C);
    }

    [Fact]
    public void StratifiedFolds_EveryClassInEveryFold()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i < 10 ? 1 : 0).ToArray();

        var folds = LinearProbe.StratifiedFolds(labels, 5, 1);

        Assert.Equal(5, folds.Count);
        Assert.All(folds, f => Assert.Equal(2, f.Count(i => labels[i] == 1)));
        Assert.Equal(100, folds.Sum(f => f.Length));
    }

    [Fact]
    public void Knn_ClustersByDirection_PredictsNeighboursClass()
    {
        float[][] train = [[1, 0], [2, 0.1f], [0.9f, -0.1f], [0, 1], [0.1f, 3], [-0.1f, 1]];
        int[] labels = [0, 0, 0, 1, 1, 1];

        var p = KnnProbe.PredictProbabilities(train, labels, 2, [[5, 0.2f], [0.2f, 7]], k: 3);

        Assert.Equal([1.0, 0.0, 0.0, 1.0], p.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Run_EmbeddingBesideRaw_ReportsBothProbesForEach()
    {
        var (x, y) = Separable(240, noise: 1.0, seed: 9);
        var train = x[..160];
        var test = x[160..];
        // An "embedding" that keeps the signal dimension only: it should probe at least as well as raw.
        var embTrain = train.Select(r => new[] { r[0], 0.01f * r[1] }).ToArray();
        var embTest = test.Select(r => new[] { r[0], 0.01f * r[1] }).ToArray();

        var results = ProbeSuite.Run(
            [new ProbeFeatures("embedding", embTrain, embTest), new ProbeFeatures("raw", train, test)],
            y[..160], y[160..], ["no", "yes"], new LinearProbeOptions { Folds = 3 }, k: 20, new Evaluation.Bootstrap.BootstrapOptions { Resamples = 100 });

        Assert.Equal(["linear/embedding", "knn/embedding", "linear/raw", "knn/raw"], results.Select(r => $"{r.Probe}/{r.Features}"));
        Assert.All(results, r => Assert.InRange(r.Metrics["rocAucScore"], 0.7, 1.0));
        Assert.All(results, r => Assert.InRange(r.Primary.Value, r.Primary.Lower, r.Primary.Upper));
        Assert.Equal("rocAucScore", results[0].Primary.Metric);
    }

    internal static (float[][] X, int[] Y) Separable(int n, double noise, int seed)
    {
        var random = new Random(seed);
        var x = new float[n][];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = random.Next(2);
            x[i] = [(float)((y[i] == 1 ? 1 : -1) + (noise * Synthetic.Gaussian(random))), (float)Synthetic.Gaussian(random)];
        }

        return (x, y);
    }

    internal static float[][] Floats(JsonElement rows) =>
        [.. rows.EnumerateArray().Select(r => r.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray())];
}
