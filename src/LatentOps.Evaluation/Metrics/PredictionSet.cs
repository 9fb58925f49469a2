namespace LatentOps.Evaluation.Metrics;

/// <summary>
/// The labels and predictions every metric reads: for classification, the true class index and one
/// probability per class per row (the predicted class is the arg-max, ties going to the lower class
/// index, as <c>numpy.argmax</c>); for regression, actual and predicted values. Immutable.
/// </summary>
public sealed class PredictionSet
{
    private readonly int[] _labels;
    private readonly double[] _probabilities; // row-major, Count x ClassCount
    private readonly int[] _predicted;
    private readonly double[] _actual;
    private readonly double[] _predictedValues;

    private PredictionSet(PredictionTask task, IReadOnlyList<string> classNames, int[] labels, double[] probabilities, int[] predicted, double[] actual, double[] predictedValues, int count)
    {
        Task = task;
        ClassNames = classNames;
        _labels = labels;
        _probabilities = probabilities;
        _predicted = predicted;
        _actual = actual;
        _predictedValues = predictedValues;
        Count = count;
    }

    /// <summary>The task.</summary>
    public PredictionTask Task { get; }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>Class names in class-index order (empty for regression).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of classes (0 for regression).</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>True class index per row (classification).</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>Predicted class index per row: the arg-max probability, ties to the lower index.</summary>
    public ReadOnlySpan<int> Predicted => _predicted;

    /// <summary>All probabilities, row-major (<see cref="Count"/> x <see cref="ClassCount"/>).</summary>
    public ReadOnlySpan<double> Probabilities => _probabilities;

    /// <summary>Actual values (regression).</summary>
    public ReadOnlySpan<double> Actual => _actual;

    /// <summary>Predicted values (regression).</summary>
    public ReadOnlySpan<double> PredictedValues => _predictedValues;

    /// <summary>True for binary and multiclass sets.</summary>
    public bool IsClassification => Task != PredictionTask.Regression;

    /// <summary>The probabilities of one row.</summary>
    public ReadOnlySpan<double> Row(int row) => _probabilities.AsSpan(row * ClassCount, ClassCount);

    /// <summary>The probability of class <paramref name="classIndex"/> for row <paramref name="row"/>.</summary>
    public double Probability(int row, int classIndex) => _probabilities[(row * ClassCount) + classIndex];

    /// <summary>The column of probabilities of one class.</summary>
    public double[] ClassScores(int classIndex)
    {
        var scores = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            scores[i] = _probabilities[(i * ClassCount) + classIndex];
        }

        return scores;
    }

    /// <summary>
    /// A binary set: labels 0 (negative) or 1 (positive) and the probability of the positive class.
    /// A row is predicted positive when its probability is above 0.5 (0.5 itself is negative).
    /// </summary>
    public static PredictionSet Binary(int[] labels, double[] positiveProbabilities, string negativeName = "0", string positiveName = "1")
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(positiveProbabilities);
        if (labels.Length != positiveProbabilities.Length)
        {
            throw new ArgumentException($"{labels.Length} labels but {positiveProbabilities.Length} probabilities.", nameof(positiveProbabilities));
        }

        var probabilities = new double[labels.Length * 2];
        for (var i = 0; i < labels.Length; i++)
        {
            var p = positiveProbabilities[i];
            CheckProbability(p, i);
            CheckLabel(labels[i], 2, i);
            probabilities[2 * i] = 1 - p;
            probabilities[(2 * i) + 1] = p;
        }

        return Classification(PredictionTask.Binary, [negativeName, positiveName], (int[])labels.Clone(), probabilities);
    }

    /// <summary>A multiclass set: labels in [0, K) and a K-probability row per sample (rows sum to 1 within 1e-6).</summary>
    public static PredictionSet Multiclass(int[] labels, double[][] probabilities, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(classNames);
        var k = classNames.Count;
        if (k < 2)
        {
            throw new ArgumentException($"A classification needs at least 2 classes, got {k}.", nameof(classNames));
        }

        if (labels.Length != probabilities.Length)
        {
            throw new ArgumentException($"{labels.Length} labels but {probabilities.Length} probability rows.", nameof(probabilities));
        }

        var flat = new double[labels.Length * k];
        for (var i = 0; i < labels.Length; i++)
        {
            CheckLabel(labels[i], k, i);
            if (probabilities[i].Length != k)
            {
                throw new ArgumentException($"Row {i} has {probabilities[i].Length} probabilities; expected {k}.", nameof(probabilities));
            }

            var sum = 0.0;
            for (var c = 0; c < k; c++)
            {
                CheckProbability(probabilities[i][c], i);
                flat[(i * k) + c] = probabilities[i][c];
                sum += probabilities[i][c];
            }

            if (Math.Abs(sum - 1) > 1e-6)
            {
                throw new ArgumentException($"Row {i} probabilities sum to {sum}; they must sum to 1 (within 1e-6).", nameof(probabilities));
            }
        }

        return Classification(k == 2 ? PredictionTask.Binary : PredictionTask.Multiclass, [.. classNames], (int[])labels.Clone(), flat);
    }

    /// <summary>A regression set.</summary>
    public static PredictionSet Regression(double[] actual, double[] predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Length != predicted.Length)
        {
            throw new ArgumentException($"{actual.Length} actual values but {predicted.Length} predictions.", nameof(predicted));
        }

        for (var i = 0; i < actual.Length; i++)
        {
            if (!double.IsFinite(actual[i]) || !double.IsFinite(predicted[i]))
            {
                throw new ArgumentException($"Row {i} has a non-finite value.", nameof(actual));
            }
        }

        return new PredictionSet(PredictionTask.Regression, [], [], [], [], (double[])actual.Clone(), (double[])predicted.Clone(), actual.Length);
    }

    /// <summary>The rows at <paramref name="rows"/> (repeats allowed, as in a bootstrap resample).</summary>
    public PredictionSet Take(ReadOnlySpan<int> rows)
    {
        if (Task == PredictionTask.Regression)
        {
            var a = new double[rows.Length];
            var p = new double[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                a[i] = _actual[rows[i]];
                p[i] = _predictedValues[rows[i]];
            }

            return new PredictionSet(Task, ClassNames, [], [], [], a, p, rows.Length);
        }

        var k = ClassCount;
        var labels = new int[rows.Length];
        var predicted = new int[rows.Length];
        var probabilities = new double[rows.Length * k];
        for (var i = 0; i < rows.Length; i++)
        {
            labels[i] = _labels[rows[i]];
            predicted[i] = _predicted[rows[i]];
            Array.Copy(_probabilities, rows[i] * k, probabilities, i * k, k);
        }

        return new PredictionSet(Task, ClassNames, labels, probabilities, predicted, [], [], rows.Length);
    }

    /// <summary>The same labels with other probabilities (e.g. after temperature scaling).</summary>
    public PredictionSet WithProbabilities(double[] rowMajorProbabilities)
    {
        ArgumentNullException.ThrowIfNull(rowMajorProbabilities);
        if (!IsClassification || rowMajorProbabilities.Length != _probabilities.Length)
        {
            throw new ArgumentException("Expected one probability per class per row.", nameof(rowMajorProbabilities));
        }

        return Classification(Task, ClassNames, _labels, (double[])rowMajorProbabilities.Clone());
    }

    private static PredictionSet Classification(PredictionTask task, IReadOnlyList<string> classNames, int[] labels, double[] probabilities)
    {
        var k = classNames.Count;
        var n = labels.Length;
        var predicted = new int[n];
        for (var i = 0; i < n; i++)
        {
            var best = 0;
            for (var c = 1; c < k; c++)
            {
                if (probabilities[(i * k) + c] > probabilities[(i * k) + best])
                {
                    best = c;
                }
            }

            predicted[i] = best;
        }

        return new PredictionSet(task, classNames, labels, probabilities, predicted, [], [], n);
    }

    private static void CheckProbability(double p, int row)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentException($"Row {row} has probability {p}; probabilities must lie in [0, 1].");
        }
    }

    private static void CheckLabel(int label, int k, int row)
    {
        if (label < 0 || label >= k)
        {
            throw new ArgumentException($"Row {row} has class index {label}; allowed 0 to {k - 1}.");
        }
    }
}
