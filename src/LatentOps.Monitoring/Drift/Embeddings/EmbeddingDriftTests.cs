using LatentOps.Evaluation.Probes;
using LatentOps.Evaluation.Metrics;
using LatentOps.Monitoring.Internal;

namespace LatentOps.Monitoring.Drift.Embeddings;

/// <summary>
/// Embedding and model-output drift tests besides MMD: a domain classifier (held-out ROC-AUC),
/// the distance between mean embeddings (permutation p-value), KS per component with Bonferroni
/// (share of drifted components), and BBSD (the same on class probabilities, Lipton et al. 2018).
/// </summary>
public sealed class EmbeddingDriftTests
{
    private readonly EmbeddingDriftOptions _options;

    /// <summary>Creates the tests; options are validated when a test runs.</summary>
    public EmbeddingDriftTests(EmbeddingDriftOptions? options = null) => _options = options ?? new EmbeddingDriftOptions();

    /// <summary>
    /// Trains a logistic regression to tell reference rows from current rows on a random part of both and
    /// scores the held-out rest (<see cref="EmbeddingDriftOptions.HoldoutShare"/>); the statistic is the
    /// held-out ROC-AUC (0.5 = indistinguishable). Because the model never saw the held-out labels, under
    /// no drift its scores are independent of them and the AUC follows the Mann-Whitney null
    /// distribution; the one-sided p-value uses its normal approximation N(0.5, (m + n + 1) / (12 m n)).
    /// (Cross-validated AUCs pooled or averaged over folds were anti-conservative: FPR 0.06-0.11.)
    /// </summary>
    public DriftTestResult DomainClassifier(EmbeddingMatrix reference, EmbeddingMatrix current)
    {
        _options.Validate();
        EmbeddingGuards.Compatible(reference, current, minimumRows: 4);
        int m = reference.Rows, n = current.Rows, total = m + n, d = reference.Dimensions;
        var x = new float[total * d];
        reference.Values.CopyTo(x, 0);
        current.Values.CopyTo(x, reference.Values.Length);
        var isCurrent = new bool[total];
        Array.Fill(isCurrent, true, m, n);

        // Stratified split: the same share of each side is held out.
        var random = new Random(_options.Seed);
        var referenceRows = Enumerable.Range(0, m).ToArray();
        var currentRows = Enumerable.Range(m, n).ToArray();
        random.Shuffle(referenceRows);
        random.Shuffle(currentRows);
        var heldReference = Math.Clamp((int)Math.Round(m * _options.HoldoutShare), 1, m - 1);
        var heldCurrent = Math.Clamp((int)Math.Round(n * _options.HoldoutShare), 1, n - 1);
        int[] test = [.. referenceRows[..heldReference], .. currentRows[..heldCurrent]];
        int[] train = [.. referenceRows[heldReference..], .. currentRows[heldCurrent..]];
        // Evaluation's linear probe (standardised features, L2 logistic regression, L-BFGS) at C = 1, scikit-learn's default.
        var model = LinearProbe.Fit(
            [.. train.Select(r => x.AsSpan(r * d, d).ToArray())],
            [.. train.Select(r => isCurrent[r] ? 1 : 0)],
            classCount: 2,
            new LinearProbeOptions { CandidateCs = [1.0], Seed = _options.Seed });
        var probabilities = model.PredictProbabilities([.. test.Select(r => x.AsSpan(r * d, d).ToArray())]);
        var scores = new double[test.Length];
        var labels = new bool[test.Length];
        for (var t = 0; t < test.Length; t++)
        {
            scores[t] = probabilities[(t * 2) + 1];
            labels[t] = isCurrent[test[t]];
        }

        var auc = RankingCurves.RocAuc(labels, scores);
        var sd = Math.Sqrt((heldReference + heldCurrent + 1.0) / (12.0 * heldReference * heldCurrent));
        var p = Distributions.NormalSurvival((auc - 0.5) / sd);
        return DriftTestResult.FromPValue("domain-classifier-auc", auc, p, _options.Alpha, m, n);
    }

    /// <summary>
    /// Euclidean distance between the mean reference and mean current embedding; p-value from
    /// permutations of the row labels, (1 + #{perm &gt;= observed}) / (1 + B).
    /// </summary>
    public DriftTestResult MeanDistance(EmbeddingMatrix reference, EmbeddingMatrix current)
    {
        _options.Validate();
        EmbeddingGuards.Compatible(reference, current, minimumRows: 1);
        int m = reference.Rows, n = current.Rows, total = m + n, d = reference.Dimensions;
        var x = new float[total * d];
        reference.Values.CopyTo(x, 0);
        current.Values.CopyTo(x, reference.Values.Length);
        var sum = new double[d];
        for (var i = 0; i < total; i++)
        {
            for (var k = 0; k < d; k++)
            {
                sum[k] += x[(i * d) + k];
            }
        }

        var order = Enumerable.Range(0, total).ToArray();
        var observed = Distance(x, d, order, m, n, sum);
        var random = new Random(_options.Seed);
        var exceeding = 0;
        for (var p = 0; p < _options.Permutations; p++)
        {
            random.Shuffle(order);
            if (Distance(x, d, order, m, n, sum) >= observed)
            {
                exceeding++;
            }
        }

        var pValue = (1.0 + exceeding) / (1.0 + _options.Permutations);
        return DriftTestResult.FromPValue("mean-embedding-distance", observed, pValue, _options.Alpha, m, n);
    }

    /// <summary>KS on every embedding component, Bonferroni over the components; reports the share that drifted.</summary>
    public ComponentDriftResult Components(EmbeddingMatrix reference, EmbeddingMatrix current) => PerComponent(reference, current, "component-ks");

    /// <summary>
    /// Black-box shift detection: KS on each class-probability column of the model's outputs, Bonferroni
    /// over the classes. Pass the reference and current predicted probabilities (rows x classes).
    /// </summary>
    /// <remarks>With two classes the columns are p and 1 - p, one test: only the second column is tested, at alpha.</remarks>
    public ComponentDriftResult Bbsd(EmbeddingMatrix referenceProbabilities, EmbeddingMatrix currentProbabilities)
    {
        ArgumentNullException.ThrowIfNull(referenceProbabilities);
        ArgumentNullException.ThrowIfNull(currentProbabilities);
        if (referenceProbabilities.Dimensions == 2 && currentProbabilities.Dimensions == 2)
        {
            static EmbeddingMatrix Positive(EmbeddingMatrix m) =>
                new([.. Enumerable.Range(0, m.Rows).Select(i => m.Values[(2 * i) + 1])], m.Rows, 1);
            return PerComponent(Positive(referenceProbabilities), Positive(currentProbabilities), "bbsd-ks");
        }

        return PerComponent(referenceProbabilities, currentProbabilities, "bbsd-ks");
    }

    private ComponentDriftResult PerComponent(EmbeddingMatrix reference, EmbeddingMatrix current, string method)
    {
        _options.Validate();
        EmbeddingGuards.Compatible(reference, current, minimumRows: 1);
        var d = reference.Dimensions;
        var threshold = _options.Alpha / d;
        var ks = new KolmogorovSmirnovTest();
        var components = new DriftTestResult[d];
        Parallel.For(0, d, k => components[k] = ks.Test(
            DriftSample.FromNumbers($"{method}[{k}]", reference.Component(k)),
            DriftSample.FromNumbers($"{method}[{k}]", current.Component(k)),
            threshold));
        var drifted = components.Count(c => c.Drifted);
        var minP = components.Min(c => c.PValue!.Value);
        var share = (double)drifted / d;
        var overall = new DriftTestResult(method, share, Math.Min(1, minP * d), _options.Alpha, ThresholdKind.PValue, drifted > 0, reference.Rows, current.Rows);
        return new ComponentDriftResult(overall, components, share);
    }

    private static double Distance(float[] x, int d, int[] order, int m, int n, double[] total)
    {
        var s = new double[d];
        for (var i = 0; i < m; i++)
        {
            var row = x.AsSpan(order[i] * d, d);
            for (var k = 0; k < d; k++)
            {
                s[k] += row[k];
            }
        }

        var squared = 0.0;
        for (var k = 0; k < d; k++)
        {
            var diff = (s[k] / m) - ((total[k] - s[k]) / n);
            squared += diff * diff;
        }

        return Math.Sqrt(squared);
    }
}
