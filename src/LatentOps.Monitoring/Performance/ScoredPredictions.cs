using LatentOps.Core.Errors;

namespace LatentOps.Monitoring.Performance;

/// <summary>
/// A model's outputs on production rows: class probabilities (rows x classes, calibrated), the label
/// when feedback has arrived (null otherwise) and, optionally, each row's time.
/// </summary>
public sealed class ScoredPredictions
{
    /// <summary>Checks shapes and values; <see cref="ErrorCode.InvalidInput"/> naming the row otherwise.</summary>
    public ScoredPredictions(float[] probabilities, int classes, IReadOnlyList<int?>? labels = null, IReadOnlyList<DateTime>? times = null)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (classes < 2 || probabilities.Length % classes != 0)
        {
            throw LatentOpsException.InvalidInput($"{probabilities.Length} probabilities do not form rows of {classes} classes (at least 2).");
        }

        Rows = probabilities.Length / classes;
        for (var i = 0; i < Rows; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < classes; c++)
            {
                var p = probabilities[(i * classes) + c];
                if (!(p >= 0 && p <= 1))
                {
                    throw LatentOpsException.InvalidInput($"Row {i}, class {c}: probability {p} is outside [0, 1].");
                }

                sum += p;
            }

            if (Math.Abs(sum - 1) > 1e-3)
            {
                throw LatentOpsException.InvalidInput($"Row {i}: probabilities sum to {sum:F4}; they must sum to 1.");
            }
        }

        if (labels is not null && labels.Count != Rows)
        {
            throw LatentOpsException.InvalidInput($"There are {labels.Count} labels for {Rows} rows; give one (or null) per row.");
        }

        if (labels is not null)
        {
            for (var i = 0; i < labels.Count; i++)
            {
                if (labels[i] is { } l && (l < 0 || l >= classes))
                {
                    throw LatentOpsException.InvalidInput($"Row {i}: label {l} is not a class index; allowed: 0 to {classes - 1}.");
                }
            }
        }

        if (times is not null && times.Count != Rows)
        {
            throw LatentOpsException.InvalidInput($"There are {times.Count} timestamps for {Rows} rows; give one per row.");
        }

        Probabilities = probabilities;
        Classes = classes;
        Labels = labels;
        Times = times;
    }

    /// <summary>Probabilities, row-major.</summary>
    public float[] Probabilities { get; }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>Feedback labels (class index) or null per row; null when no feedback at all.</summary>
    public IReadOnlyList<int?>? Labels { get; }

    /// <summary>Row times, or null.</summary>
    public IReadOnlyList<DateTime>? Times { get; }

    /// <summary>The predicted class (arg max) and its probability.</summary>
    public (int Class, double Confidence) Predicted(int row)
    {
        var best = 0;
        var span = Probabilities.AsSpan(row * Classes, Classes);
        for (var c = 1; c < Classes; c++)
        {
            if (span[c] > span[best])
            {
                best = c;
            }
        }

        return (best, span[best]);
    }
}
