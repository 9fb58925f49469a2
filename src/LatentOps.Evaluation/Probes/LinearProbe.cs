namespace LatentOps.Evaluation.Probes;

/// <summary>
/// The linear probe: features standardised on the training rows, L2 logistic regression
/// (scikit-learn's objective and lbfgs-like solver), C chosen from <see cref="LinearProbeOptions.CandidateCs"/>
/// by stratified k-fold mean held-out log loss, then refitted on all training rows.
/// </summary>
public static class LinearProbe
{
    /// <summary>Fits the probe.</summary>
    /// <param name="features">Training rows (embeddings or raw features), finite values.</param>
    /// <param name="labels">Class index per row in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">Number of classes (2 or more).</param>
    /// <param name="options">Settings; defaults when null.</param>
    public static LinearProbeModel Fit(float[][] features, int[] labels, int classCount, LinearProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        options ??= new LinearProbeOptions();
        options.Validate();
        var d = FeatureMatrix.Width(features, nameof(features));
        if (labels.Length != features.Length)
        {
            throw new ArgumentException($"{features.Length} rows but {labels.Length} labels.", nameof(labels));
        }

        if (classCount < 2 || labels.Any(l => l < 0 || l >= classCount))
        {
            throw new ArgumentException($"Labels must be class indices in [0, {classCount}) with at least 2 classes.", nameof(labels));
        }

        var (mean, scale) = FeatureMatrix.Standardiser(features, d);
        var all = FeatureMatrix.Standardise(features, d, mean, scale);
        var candidates = new List<ProbeCandidate>();
        var folds = StratifiedFolds(labels, options.Folds, options.Seed);
        var chosen = options.CandidateCs[0];
        if (options.CandidateCs.Count > 1)
        {
            var foldData = folds.Select(test =>
            {
                var inTest = new HashSet<int>(test);
                var train = Enumerable.Range(0, labels.Length).Where(i => !inTest.Contains(i)).ToArray();
                return (Train: train, Test: test);
            }).ToList();
            var warm = new double[foldData.Count][];
            foreach (var c in options.CandidateCs.Order())
            {
                double loss = 0;
                for (var f = 0; f < foldData.Count; f++)
                {
                    var (train, test) = foldData[f];
                    var model = LogisticRegression.Fit(Rows(all, d, train), d, [.. train.Select(i => labels[i])], classCount, c, options.MaxIterations, options.Tolerance, warm[f]);
                    warm[f] = model.Parameters;
                    var p = model.PredictProbabilities(Rows(all, d, test));
                    for (var t = 0; t < test.Length; t++)
                    {
                        loss -= Math.Log(Math.Clamp(p[(t * classCount) + labels[test[t]]], 2.220446049250313e-16, 1));
                    }
                }

                candidates.Add(new ProbeCandidate(c, loss / labels.Length));
            }

            chosen = candidates.MinBy(c => c.CrossValidatedLoss)!.C;
        }

        var final = LogisticRegression.Fit(all, d, labels, classCount, chosen, options.MaxIterations, options.Tolerance);
        return new LinearProbeModel(mean, scale, final, chosen, candidates);
    }

    /// <summary>Row indices of each fold: every class spread evenly over folds in a seeded order.</summary>
    internal static IReadOnlyList<int[]> StratifiedFolds(int[] labels, int folds, int seed)
    {
        var random = new Random(seed);
        var assignment = new List<int>[folds];
        for (var f = 0; f < folds; f++)
        {
            assignment[f] = [];
        }

        var next = 0;
        foreach (var group in labels.Select((l, i) => (l, i)).GroupBy(p => p.l).OrderBy(g => g.Key))
        {
            var rows = group.Select(p => p.i).ToArray();
            random.Shuffle(rows);
            foreach (var row in rows)
            {
                assignment[next % folds].Add(row);
                next++;
            }
        }

        return [.. assignment.Where(a => a.Count > 0).Select(a => a.Order().ToArray())];
    }

    private static double[] Rows(double[] all, int d, int[] rows)
    {
        var output = new double[rows.Length * d];
        for (var i = 0; i < rows.Length; i++)
        {
            Array.Copy(all, rows[i] * d, output, i * d, d);
        }

        return output;
    }
}
