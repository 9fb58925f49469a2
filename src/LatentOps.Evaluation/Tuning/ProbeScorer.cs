using LatentOps.Core.Errors;
using LatentOps.Evaluation.Metrics;
using LatentOps.Evaluation.Probes;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Tuning;

namespace LatentOps.Evaluation.Tuning;

/// <summary>Which probe a <see cref="ProbeScorer"/> fits.</summary>
internal enum ProbeKind
{
    Linear,
    Knn,
}

/// <summary>
/// A probe fitted on the training embeddings and scored on the validation embeddings. Rows without a
/// label are left out; validation rows whose class never occurs in training are left out too (no probe
/// can predict them).
/// </summary>
internal sealed class ProbeScorer(ProbeKind kind, LinearProbeOptions? options, int k) : IRepresentationScorer
{
    public string Name => kind == ProbeKind.Linear ? "linearProbeScore" : "knnProbeScore";

    public double Score(RepresentationScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.TrainLabels is not { } trainText || input.ValidationLabels is not { } validationText)
        {
            throw LatentOpsException.InvalidInput($"The {(kind == ProbeKind.Linear ? "linear" : "kNN")} probe score needs labels: give the label column (--label), or score with rankme.");
        }

        var classes = trainText.Where(l => l is not null).Select(l => l!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (classes.Count < 2)
        {
            throw LatentOpsException.InvalidInput($"The training rows have {classes.Count} label value(s); a probe needs at least 2 classes.");
        }

        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var (trainRows, trainLabels) = Labelled(input.Train, trainText, index);
        var (validationRows, validationLabels) = Labelled(input.Validation, validationText, index);
        if (validationRows.Length < 2)
        {
            throw LatentOpsException.InvalidInput($"Only {validationRows.Length} validation row(s) have a label seen in training; a probe score needs at least 2.");
        }

        if (kind == ProbeKind.Linear)
        {
            return RepresentationScoring.LinearProbeScore(trainRows, trainLabels, validationRows, validationLabels, classes, options);
        }

        var probabilities = KnnProbe.PredictProbabilities(trainRows, trainLabels, classes.Count, validationRows, Math.Min(k, trainRows.Length));
        var set = ProbeSuite.ToPredictionSet(probabilities, validationLabels, classes);
        return MetricCatalog.Primary(set.Task).Compute(set);
    }

    private static (float[][] Rows, int[] Labels) Labelled(Embeddings embeddings, IReadOnlyList<string?> labels, Dictionary<string, int> index)
    {
        var rows = new List<float[]>();
        var classes = new List<int>();
        for (var r = 0; r < embeddings.Rows; r++)
        {
            if (labels[r] is { } label && index.TryGetValue(label, out var c))
            {
                rows.Add(embeddings.Row(r).ToArray());
                classes.Add(c);
            }
        }

        return ([.. rows], [.. classes]);
    }
}
